"""Every write to an article goes through here: permission, lock, version, audit, revision."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authors.models import Author
from media.models import Image
from sections.models import Section

from . import notifications
from .models import Article, ArticleAuthor, ArticleRevision, ArticleTransition
from .permissions import (
    PUBLISH,
    RETURN,
    SAVE,
    SCHEDULE,
    SUBMIT,
    TRANSITIONS,
    WITHDRAW,
    check_action,
    check_can_restore,
    is_editor,
)

Status = Article.Status


class EditConflict(Exception):
    """The article was saved by someone else after the editing user opened it."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(conflict_message(revision))


def conflict_message(revision):
    who = revision.created_by.get_username() if revision and revision.created_by else _("someone")
    when = timezone.localtime(revision.created_at).strftime("%H:%M:%S %d/%m/%Y") if revision else ""
    return _(
        "%(who)s saved this article at %(when)s, after you opened it. Your text is still "
        "in the form below: copy what you need, reload the article and apply your changes "
        "again."
    ) % {"who": who, "when": when}


def latest_revision(article):
    """The newest revision of article, with who saved it."""
    return article.revisions.select_related("created_by").order_by("-version").first()


def lock_current(article):
    """The stored row of article, locked until the transaction ends (None for a new one)."""
    if article.pk is None:
        return None
    return Article.objects.select_for_update().get(pk=article.pk)


def check_version(current, base_version):
    """Refuse a save based on a stale copy (base_version older than the stored version)."""
    if current is not None and base_version is not None and current.version != base_version:
        raise EditConflict(latest_revision(current))


def validate_action(*, action, note="", publish_at=None, now=None):
    """Workflow input errors, as ValidationError keyed by form field."""
    now = now or timezone.now()
    if action == RETURN and not (note or "").strip():
        raise ValidationError({"review_note": _("Write a note telling the reporter what to fix.")})
    if action == SCHEDULE and (publish_at is None or publish_at <= now):
        raise ValidationError(
            {"published_at": _("Choose a publication time in the future to schedule.")}
        )


def snapshot(article):
    """The revision content of article as stored now."""
    links = ArticleAuthor.objects.filter(article=article).select_related("author")
    cover = article.cover_image
    return {
        "title": article.title,
        "sapo": article.sapo,
        "body": article.body,
        "section": {"id": article.section_id, "name": article.section.name},
        "tags": sorted(article.tags.names()),
        "authors": [{"id": link.author_id, "name": link.author.name} for link in links],
        "cover": {"id": cover.pk, "title": cover.title} if cover else None,
        "cover_caption": article.cover_caption,
    }


@transaction.atomic
def article_save(
    *,
    article,
    user,
    action=SAVE,
    base_version=None,
    note="",
    publish_at=None,
    save_related=None,
    revision_note="",
    notify=True,
):
    """Save article's content (and, through save_related, its tags and authors) as user,
    optionally moving it through the workflow with action. Returns the article."""
    now = timezone.now()
    current = lock_current(article)
    stored = current or article
    check_action(user, stored, action)
    check_version(current, base_version)
    validate_action(action=action, note=note, publish_at=publish_at, now=now)

    from_status = current.status if current else ""
    if current is None:
        article.created_by = user
        article.status = Status.DRAFT
        article.version = 1
    else:
        # Never trust status, creator or version from the caller's copy.
        article.status = current.status
        article.created_by_id = current.created_by_id
        article.version = current.version + 1
        if not is_editor(user):
            article.published_at = current.published_at
        if (
            action == SAVE
            and current.is_live
            and (article.title, article.sapo, article.body)
            != (current.title, current.sapo, current.body)
        ):
            article.revised_at = now  # shown as "Cập nhật" on the public page

    if action in TRANSITIONS:
        article.status = TRANSITIONS[action][1]
    if action == PUBLISH:
        if publish_at is None or publish_at > now:
            keep = current and current.status == Status.WITHDRAWN and current.published_at
            publish_at = current.published_at if keep else now
        article.published_at = publish_at
    elif action == SCHEDULE:
        article.published_at = publish_at

    _write(
        article,
        user=user,
        now=now,
        save_related=save_related,
        revision_note=revision_note,
        from_status=from_status if (action in TRANSITIONS or current is None) else None,
        transition_note=note.strip() if action == RETURN else "",
    )
    if notify:
        _notify(article, user, action, note)
    return article


def _write(article, *, user, now, save_related, revision_note, from_status, transition_note):
    """Save article and related rows, then its revision and (unless from_status is None)
    its workflow step."""
    article.save()
    if save_related is not None:
        save_related()
    ArticleRevision.objects.create(
        article=article,
        version=article.version,
        created_by=user,
        created_at=now,
        status=article.status,
        note=revision_note,
        content=snapshot(article),
    )
    if from_status is not None:
        ArticleTransition.objects.create(
            article=article,
            actor=user,
            created_at=now,
            from_status=from_status,
            to_status=article.status,
            note=transition_note,
        )


@transaction.atomic
def article_import(*, article, save_related=None):
    """Write an article from an archive import: no user (the command is the actor), but
    the same version, revision and workflow log as any other save."""
    now = timezone.now()
    current = lock_current(article)
    from_status = current.status if current else ""
    article.version = current.version + 1 if current else 1
    note = _("Imported from the archive")
    _write(
        article,
        user=None,
        now=now,
        save_related=save_related,
        revision_note=note,
        from_status=from_status if from_status != article.status else None,
        transition_note=note,
    )
    return article


def _notify(article, user, action, note):
    if action == SUBMIT:
        transaction.on_commit(partial(notifications.notify_submitted, article, user))
    elif action == RETURN:
        transaction.on_commit(partial(notifications.notify_returned, article, user, note))
    elif action in (PUBLISH, SCHEDULE):
        transaction.on_commit(partial(notifications.notify_published, article, user))


def _stored(article):
    return Article.objects.get(pk=article.pk)


def article_submit(*, article, user, base_version=None, notify=True):
    """Send a draft or returned article to the editors' review queue."""
    return article_save(
        notify=notify, article=_stored(article), user=user, action=SUBMIT, base_version=base_version
    )


def article_return(*, article, user, note, base_version=None, notify=True):
    """Return a pending article to its reporter with a note (required)."""
    return article_save(
        notify=notify,
        article=_stored(article),
        user=user,
        action=RETURN,
        note=note,
        base_version=base_version,
    )


def article_publish(*, article, user, publish_at=None, base_version=None, notify=True):
    """Publish now (or at a past time given by the editor)."""
    return article_save(
        notify=notify,
        article=_stored(article),
        user=user,
        action=PUBLISH,
        publish_at=publish_at,
        base_version=base_version,
    )


def article_schedule(*, article, user, publish_at, base_version=None, notify=True):
    """Publish at a future time: public pages show it by themselves when the time comes."""
    return article_save(
        notify=notify,
        article=_stored(article),
        user=user,
        action=SCHEDULE,
        publish_at=publish_at,
        base_version=base_version,
    )


def article_withdraw(*, article, user, base_version=None, notify=True):
    """Take a published article off the site (its URL then answers 410 Gone)."""
    return article_save(
        notify=notify,
        article=_stored(article),
        user=user,
        action=WITHDRAW,
        base_version=base_version,
    )


@transaction.atomic
def article_restore(*, revision, user, base_version=None):
    """Make revision's content the article's current content, as a new revision."""
    check_can_restore(user)
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    check_version(article, base_version)
    content = revision.content
    article.title = content["title"]
    article.sapo = content["sapo"]
    article.body = content["body"]
    article.cover_caption = content.get("cover_caption", "")
    if Section.objects.filter(pk=content["section"]["id"]).exists():
        article.section_id = content["section"]["id"]
    cover = content.get("cover")
    article.cover_image_id = (
        cover["id"] if cover and Image.objects.filter(pk=cover["id"]).exists() else None
    )

    def restore_related():
        article.tags.set(content["tags"], clear=True)
        ArticleAuthor.objects.filter(article=article).delete()
        existing = set(
            Author.objects.filter(pk__in=[a["id"] for a in content["authors"]]).values_list(
                "pk", flat=True
            )
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author_id=a["id"], position=i)
            for i, a in enumerate(content["authors"])
            if a["id"] in existing
        )

    return article_save(
        article=article,
        user=user,
        action=SAVE,
        base_version=article.version,
        save_related=restore_related,
        revision_note=_("Restored from version %(version)s") % {"version": revision.version},
    )
