"""Workflow emails: editors hear of submissions, creators of returns and publications."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _


def _admin_link(article):
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def editor_emails():
    """Addresses of active editors: superusers and holders of publish_article."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    perm = Q(groups__permissions__codename="publish_article") | Q(
        user_permissions__codename="publish_article"
    )
    return sorted(set(users.filter(Q(is_superuser=True) | perm).values_list("email", flat=True)))


def notify_submitted(article, actor):
    """Tell the editors that an article waits for review."""
    recipients = editor_emails()
    if recipients:
        send_mail(
            _("Waiting for review: %(title)s") % {"title": article.title},
            _("%(who)s submitted “%(title)s” for review.\n\n%(link)s")
            % {"who": actor.get_username(), "title": article.title, "link": _admin_link(article)},
            None,
            recipients,
        )


def notify_returned(article, actor, note):
    """Tell the article's creator that an editor returned it, with the note."""
    creator = article.created_by
    if creator and creator.email and creator != actor:
        send_mail(
            _("Returned: %(title)s") % {"title": article.title},
            _("%(who)s returned “%(title)s” with this note:\n\n%(note)s\n\n%(link)s")
            % {
                "who": actor.get_username(),
                "title": article.title,
                "note": note,
                "link": _admin_link(article),
            },
            None,
            [creator.email],
        )


def notify_published(article, actor):
    """Tell the article's creator that it is published (or scheduled)."""
    creator = article.created_by
    if creator and creator.email and creator != actor:
        send_mail(
            _("Published: %(title)s") % {"title": article.title},
            _("“%(title)s” is published at %(when)s.\n\n%(link)s")
            % {
                "title": article.title,
                "when": article.published_at.strftime("%H:%M %d/%m/%Y"),
                "link": settings.SITE_URL + article.get_absolute_url(),
            },
            None,
            [creator.email],
        )
