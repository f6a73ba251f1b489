"""Workflow emails: editors hear of submissions, creators of returns, schedules,
publications and withdrawals. People are named by full name (articles.people).

Each function takes (article, actor, ...) and sends at once; the services queue them
for after the commit.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from core.site import site_url

from .people import display_name
from .states import when


def _admin_link(article):
    return site_url() + reverse("admin:articles_article_change", args=[article.pk])


def editor_emails():
    """Addresses of active editors: superusers and holders of publish_article."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    perm = Q(groups__permissions__codename="publish_article") | Q(
        user_permissions__codename="publish_article"
    )
    return sorted(set(users.filter(Q(is_superuser=True) | perm).values_list("email", flat=True)))


def _to_creator(article, actor, subject, body):
    """Send to the article's creator, unless they did it themselves or have no address."""
    creator = article.created_by
    if creator and creator.email and creator != actor:
        send_mail(subject, body, None, [creator.email])


def notify_submitted(article, actor):
    """Tell the editors that an article waits for review."""
    recipients = editor_emails()
    if recipients:
        send_mail(
            _("Waiting for review: %(title)s") % {"title": article.title},
            _("%(who)s submitted “%(title)s” for review.\n\n%(link)s")
            % {
                "who": display_name(actor),
                "title": article.title,
                "link": _admin_link(article),
            },
            None,
            recipients,
        )


def notify_returned(article, actor, note):
    """Tell the article's creator that an editor returned it, with the note."""
    _to_creator(
        article,
        actor,
        _("Returned: %(title)s") % {"title": article.title},
        _("%(who)s returned “%(title)s” with this note:\n\n%(note)s\n\n%(link)s")
        % {
            "who": display_name(actor),
            "title": article.title,
            "note": note,
            "link": _admin_link(article),
        },
    )


def notify_scheduled(article, actor):
    """Tell the article's creator when it will be published."""
    _to_creator(
        article,
        actor,
        _("Scheduled for publication at %(when)s: %(title)s")
        % {"when": when(article.published_at), "title": article.title},
        _("%(who)s scheduled “%(title)s” for publication at %(when)s.\n\n%(link)s")
        % {
            "who": display_name(actor),
            "title": article.title,
            "when": when(article.published_at),
            "link": _admin_link(article),
        },
    )


def notify_unscheduled(article, actor, was_at):
    """Tell the article's creator that its schedule was cancelled."""
    _to_creator(
        article,
        actor,
        _("Schedule cancelled: %(title)s") % {"title": article.title},
        _(
            "%(who)s cancelled the publication of “%(title)s” planned for %(when)s; "
            "it waits for review again.\n\n%(link)s"
        )
        % {
            "who": display_name(actor),
            "title": article.title,
            "when": when(was_at) if was_at else "—",
            "link": _admin_link(article),
        },
    )


def notify_published(article, actor):
    """Tell the article's creator that it is live."""
    _to_creator(
        article,
        actor,
        _("Published: %(title)s") % {"title": article.title},
        _("“%(title)s” is published at %(when)s.\n\n%(link)s")
        % {
            "title": article.title,
            "when": when(article.published_at),
            "link": site_url() + article.get_absolute_url(),
        },
    )


def notify_withdrawn(article, actor, reason):
    """Tell the article's creator that it was taken off the site, and why."""
    _to_creator(
        article,
        actor,
        _("Withdrawn: %(title)s") % {"title": article.title},
        _("%(who)s withdrew “%(title)s” from the site. Reason:\n\n%(reason)s\n\n%(link)s")
        % {
            "who": display_name(actor),
            "title": article.title,
            "reason": reason,
            "link": _admin_link(article),
        },
    )
