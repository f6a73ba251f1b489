"""Every write to an article goes through here: permission, lock, version, audit, revision.

Callers (the admin, the importer, the demo, commands) pass the article's fields on the
instance and its relations as data (tags as names, authors and related picks as ordered
lists); nothing calls back into them. Each function runs in one transaction and either
writes everything (the article, its relations, a revision and, for a workflow step, an
ArticleTransition) or nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authors.models import Author
from core.tasks import enqueue_on_commit
from media.models import Image
from sections.models import Section

from . import search_index, tasks
from .models import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleTransition,
    RelatedArticle,
    TaggedArticle,
)
from .people import display_name
from .permissions import (
    PUBLISH,
    RETURN,
    SAVE,
    SCHEDULE,
    SUBMIT,
    TRANSITIONS,
    UNSCHEDULE,
    WITHDRAW,
    check_action,
    check_can_restore,
    is_editor,
)

Status = Article.Status
User = AbstractBaseUser


class EditConflict(Exception):
    """The article was saved by someone else after the editing user opened it."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(conflict_message(revision))


def conflict_message(revision: ArticleRevision | None) -> str:
    """Who saved the article meanwhile and when, for the refused user."""
    who = display_name(revision.created_by) if revision and revision.created_by else _("someone")
    when = timezone.localtime(revision.created_at).strftime("%H:%M:%S %d/%m/%Y") if revision else ""
    return _(
        "%(who)s saved this article at %(when)s, after you opened it. Nothing you typed is "
        "lost: your text is still in the form, the changes you alone made are kept, those "
        "you alone did not make are taken from the newer version; where you both changed a "
        "field, choose below, then save again."
    ) % {"who": who, "when": when}


def base_revision(article: Article, version: int | None) -> ArticleRevision | None:
    """The revision a form was opened at (what a stale save is merged against)."""
    if article.pk is None or version is None:
        return None
    return article.revisions.filter(version=version).first()


def latest_revision(article: Article) -> ArticleRevision | None:
    """The newest revision of article, with who saved it."""
    return article.revisions.select_related("created_by").order_by("-version").first()


def lock_current(article: Article) -> Article | None:
    """The stored row of article, locked until the transaction ends (None for a new one)."""
    if article.pk is None:
        return None
    return Article.objects.select_for_update().get(pk=article.pk)


def check_version(current: Article | None, base_version: int | None) -> None:
    """Refuse a save based on a stale copy (base_version older than the stored version)."""
    if current is not None and base_version is not None and current.version != base_version:
        raise EditConflict(latest_revision(current))


def validate_action(
    *, action: str, note: str = "", publish_at: datetime | None = None, now: datetime | None = None
) -> None:
    """Workflow input errors, as ValidationError keyed by form field."""
    now = now or timezone.now()
    if action == RETURN and not (note or "").strip():
        raise ValidationError({"review_note": _("Write a note telling the reporter what to fix.")})
    if action == WITHDRAW and not (note or "").strip():
        raise ValidationError(
            {
                "withdraw_reason": _(
                    "Write why the article is withdrawn: it is logged and sent to its creator."
                )
            }
        )
    if action == SCHEDULE and (publish_at is None or publish_at <= now):
        raise ValidationError(
            {"published_at": _("Choose a publication time in the future to schedule.")}
        )


def snapshot(article: Article) -> dict:
    """The revision content of article as stored now."""
    links = ArticleAuthor.objects.filter(article=article).select_related("author")
    picks = RelatedArticle.objects.filter(from_article=article).select_related("to_article")
    return revision_content(
        article,
        section_name=article.section.name,
        tags=article.tags.names(),
        authors=[link.author for link in links],
        cover=article.cover_image,
        related=[{"id": p.to_article_id, "title": p.to_article.title} for p in picks],
    )


def revision_content(article, *, section_name, tags, authors, cover, related) -> dict:
    """The one shape of a revision's content (snapshot() and the bulk import)."""
    return {
        "title": article.title,
        "sapo": article.sapo,
        "body": article.body,
        "section": {"id": article.section_id, "name": section_name},
        "tags": sorted(tags),
        "authors": [{"id": a.pk, "name": a.name} for a in authors],
        "cover": {"id": cover.pk, "title": cover.title} if cover else None,
        "cover_caption": article.cover_caption,
        # Kept so that a stale save can be merged field by field (articles.merge).
        "related": related,
        "slug": article.slug,
        "seo_title": article.seo_title,
        "seo_description": article.seo_description,
        "is_featured": article.is_featured,
        "published_at": article.published_at.isoformat() if article.published_at else None,
    }


@transaction.atomic
def article_save(
    *,
    article: Article,
    user: User,
    action: str = SAVE,
    base_version: int | None = None,
    note: str = "",
    publish_at: datetime | None = None,
    tags: Sequence[str] | None = None,
    authors: Sequence[Author] | None = None,
    related: Sequence[Article] | None = None,
    revision_note: str = "",
    notify: bool = True,
) -> Article:
    """Save article's content as user, optionally moving it through the workflow with
    action. tags, authors (in byline order) and related (the editor's picks, in order)
    replace the stored ones; None leaves them as they are. Returns the article."""
    now, current = _admit(article, user, action, base_version, note, publish_at)
    from_status = current.status if current else ""
    from_published_at = current.published_at if current else None
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
    _apply_action(article, current, action=action, publish_at=publish_at, now=now)
    _write(
        article,
        user=user,
        now=now,
        relations=(tags, authors, related),
        revision_note=revision_note,
        from_status=from_status if (action in TRANSITIONS or current is None) else None,
        from_published_at=from_published_at,
        transition_note=_step_note(action, note),
    )
    if notify:
        _notify(article, user, action, note, from_published_at)
    return article


def _admit(article, user, action, base_version, note, publish_at):
    """Lock the stored row and refuse what may not happen: (now, the stored row or None)."""
    now = timezone.now()
    current = lock_current(article)
    check_action(user, current or article, action)
    check_version(current, base_version)
    validate_action(action=action, note=note, publish_at=publish_at, now=now)
    return now, current


@transaction.atomic
def article_transition(
    *,
    article: Article,
    user: User,
    action: str,
    base_version: int | None = None,
    note: str = "",
    publish_at: datetime | None = None,
    notify: bool = True,
) -> Article:
    """Move article through the workflow with action, as stored: whatever the caller's
    copy holds, only the state (and the publication time) changes. Returns the stored
    article as written."""
    if action not in TRANSITIONS or article.pk is None:
        raise ValueError(f"not a workflow step of a stored article: {action}")
    now, current = _admit(article, user, action, base_version, note, publish_at)
    from_status, from_published_at = current.status, current.published_at
    current.version += 1
    _apply_action(current, current, action=action, publish_at=publish_at, now=now)
    _write(
        current,
        user=user,
        now=now,
        relations=(None, None, None),
        revision_note="",
        from_status=from_status,
        from_published_at=from_published_at,
        transition_note=_step_note(action, note),
    )
    if notify:
        _notify(current, user, action, note, from_published_at)
    return current


def _step(action: str, doc: str):
    """article_transition bound to action: the named workflow steps below."""

    def step(
        *,
        article: Article,
        user: User,
        base_version: int | None = None,
        note: str = "",
        publish_at: datetime | None = None,
        notify: bool = True,
    ) -> Article:
        return article_transition(
            article=article,
            user=user,
            action=action,
            base_version=base_version,
            note=note,
            publish_at=publish_at,
            notify=notify,
        )

    step.__name__ = step.__qualname__ = f"article_{action}"
    step.__doc__ = doc
    return step


# The workflow steps by name (validate_action checks what each needs: a note to
# return, a reason to withdraw, a future time to schedule).
article_submit = _step(SUBMIT, "Send a draft or returned article to the editors' review queue.")
article_return = _step(RETURN, "Return a pending article to its reporter with a note.")
article_publish = _step(PUBLISH, "Publish now (or at a past time given by the editor).")
article_schedule = _step(
    SCHEDULE, "Publish at a future time: public pages show it by themselves when it comes."
)
article_unschedule = _step(
    UNSCHEDULE, "Cancel a schedule: the article goes back to the review queue, unpublished."
)
article_withdraw = _step(
    WITHDRAW,
    "Take a published article off the site (its URL answers 410); note is the reason, "
    "logged and sent to the article's creator.",
)


@transaction.atomic
def article_import(
    *,
    article: Article,
    tags: Sequence[str] | None = None,
    authors: Sequence[Author] | None = None,
) -> Article:
    """Write an article from an archive import: no user (the command is the actor), but
    the same version, revision and workflow log as any other save."""
    now = timezone.now()
    current = lock_current(article)
    from_status = current.status if current else ""
    article.version = current.version + 1 if current else 1
    note = _("Imported from the archive")
    from_published_at = current.published_at if current else None
    _write(
        article,
        user=None,
        now=now,
        relations=(tags, authors, None),
        revision_note=note,
        from_status=from_status if from_status != article.status else None,
        from_published_at=from_published_at,
        transition_note=note,
    )
    return article


@transaction.atomic
def article_restore(
    *, revision: ArticleRevision, user: User, base_version: int | None = None
) -> Article:
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
    # Authors deleted since the revision was stored are left out.
    existing = Author.objects.in_bulk([a["id"] for a in content["authors"]])
    authors = [existing[a["id"]] for a in content["authors"] if a["id"] in existing]
    return article_save(
        article=article,
        user=user,
        action=SAVE,
        base_version=article.version,
        tags=content["tags"],
        authors=authors,
        revision_note=_("Restored from version %(version)s") % {"version": revision.version},
    )


def _apply_action(article, current, *, action, publish_at, now):
    """Set article's status and publication time for action (SAVE changes neither).
    current is the stored row (None for a new article; it may be article itself)."""
    # A withdrawn article published again keeps its original time (read before the
    # status changes: current may be the very object being moved).
    republished = current is not None and current.status == Status.WITHDRAWN
    if action in TRANSITIONS:
        article.status = TRANSITIONS[action][1]
    if action == PUBLISH:
        if publish_at is None or publish_at > now:
            keep = republished and current.published_at
            publish_at = current.published_at if keep else now
        article.published_at = publish_at
    elif action == SCHEDULE:
        article.published_at = publish_at
    elif action == UNSCHEDULE:
        article.published_at = None  # never public: nothing to keep
    if article.status == Status.PUBLISHED and article.published_at is None:
        # An editor emptied the time of a published article: it keeps the stored one.
        stored = current.published_at if current is not None else None
        article.published_at = stored or now


def _write(
    article,
    *,
    user,
    now,
    relations,
    revision_note,
    from_status,
    transition_note,
    from_published_at=None,
):
    """Save article and its relations, then its revision and (unless from_status is None)
    its workflow step."""
    article.save()
    _set_relations(article, *relations)
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
            from_published_at=from_published_at,
            to_published_at=article.published_at,
            note=transition_note,
        )


def _set_relations(article, tags, authors, related):
    """Replace article's tags, ordered authors and ordered related picks (None: keep)."""
    if tags is not None:
        article.tags.set(list(tags))
    if authors is not None:
        ArticleAuthor.objects.filter(article=article).delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=author, position=position)
            for position, author in enumerate(dict.fromkeys(authors))
        )
    if related is not None:
        RelatedArticle.objects.filter(from_article=article).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(from_article=article, to_article=other, position=position)
            for position, other in enumerate(dict.fromkeys(related))
            if other.pk != article.pk
        )


def _step_note(action, note):
    """What the workflow log keeps of note: the return note and the withdrawal reason."""
    return (note or "").strip() if action in (RETURN, WITHDRAW, UNSCHEDULE) else ""


def _notify(article, user, action, note, from_published_at):
    """Queue the step's email for a worker, after the commit; a schedule (or a scheduled
    article moved to another time) also queues the "Đã xuất bản" email for the moment it
    goes live."""
    if action == SUBMIT:
        tasks.queue_email("submitted", article, user)
    elif action == RETURN:
        tasks.queue_email("returned", article, user, note)
    elif action == PUBLISH:
        tasks.queue_email("published", article, user)
    elif action == SCHEDULE:
        tasks.queue_email("scheduled", article, user)
    elif action == UNSCHEDULE:
        tasks.queue_email("unscheduled", article, user, from_published_at)
    elif action == WITHDRAW:
        tasks.queue_email("withdrawn", article, user, note.strip())
    scheduled = (
        article.status == Status.PUBLISHED
        and article.published_at is not None
        and article.published_at > timezone.now()
    )
    if scheduled and (action == SCHEDULE or article.published_at != from_published_at):
        tasks.queue_go_live_email(article, user)


# --- Archive imports in bulk --------------------------------------------------------------

# The fields an import line sets (compared to decide whether a stored article changed).
IMPORTED_FIELDS = [
    "title",
    "sapo",
    "body",
    "section_id",
    "status",
    "published_at",
    "is_featured",
    "cover_image_id",
    "cover_caption",
]
IMPORT_CREATED, IMPORT_UPDATED, IMPORT_SKIPPED = "created", "updated", "skipped"


@dataclass
class ImportEntry:
    """One article of an import batch: its fields (IMPORTED_FIELDS, with section and
    cover_image as instances), its
    source_url (None: always a new article), its tags (Tag rows) and authors (in order)."""

    source_url: str | None
    fields: dict
    tags: Sequence = ()
    authors: Sequence[Author] = ()


@transaction.atomic
def article_import_batch(entries: Sequence[ImportEntry]) -> list[str]:
    """Write a batch of archive articles with a handful of queries, whatever its size:
    the same guarantees as article_import for each (stored rows locked, version + 1, one
    ArticleRevision per written article, an ArticleTransition when its state changes),
    written with bulk inserts and updates. An entry whose stored article already holds
    exactly its content is skipped (no new version). source_urls must be distinct within
    a batch. Returns IMPORT_CREATED, IMPORT_UPDATED or IMPORT_SKIPPED per entry.
    PostgreSQL: the written articles' search documents are left to a worker
    (tasks.refresh_search_index, queued on commit); they are found by search after it."""
    now = timezone.now()
    note = _("Imported from the archive")
    if connection.vendor != "postgresql":
        return _import_batch(entries, now, note)
    # The search documents are computed by a worker once the batch is committed: four
    # to_tsvector passes per article would be most of the import's time.
    with search_index.documents_deferred():
        outcomes = _import_batch(entries, now, note)
    enqueue_on_commit(tasks.refresh_search_index, analyze=False)
    return outcomes


def _import_batch(entries, now, note):
    urls = [e.source_url for e in entries if e.source_url]
    stored = {
        a.source_url: a for a in Article.objects.select_for_update().filter(source_url__in=urls)
    }
    old_tags, old_authors = _relations_of([a.pk for a in stored.values()])
    outcomes, created, changed, states = [], [], [], []
    for entry in entries:
        current = stored.get(entry.source_url) if entry.source_url else None
        article = current or Article(source_url=entry.source_url, version=1, created_at=now)
        before = {name: getattr(article, name) for name in IMPORTED_FIELDS} if current else None
        for name, value in entry.fields.items():
            setattr(article, name, value)
        article.prepare_for_write()
        tag_ids = sorted({tag.pk for tag in entry.tags})
        author_ids = list(dict.fromkeys(author.pk for author in entry.authors))
        if current is not None:
            same = before == {name: getattr(article, name) for name in IMPORTED_FIELDS}
            if same and (tag_ids, author_ids) == (
                old_tags.get(article.pk, []),
                old_authors.get(article.pk, []),
            ):
                outcomes.append(IMPORT_SKIPPED)
                continue
            article.version += 1
            article.updated_at = now
            changed.append(article)
            outcomes.append(IMPORT_UPDATED)
        else:
            created.append(article)
            outcomes.append(IMPORT_CREATED)
        from_status = before["status"] if before else ""
        from_published_at = before["published_at"] if before else None
        states.append((article, entry, from_status, from_published_at))
    Article.objects.bulk_create(created)
    if changed:
        Article.objects.bulk_update(
            changed, [*IMPORTED_FIELDS, "slug", "source_path", "version", "updated_at"]
        )
    changed_ids = [article.pk for article in changed]
    TaggedArticle.objects.filter(content_object_id__in=changed_ids).delete()
    ArticleAuthor.objects.filter(article_id__in=changed_ids).delete()
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object_id=article.pk, tag_id=tag.pk)
        for article, entry, *_ in states
        for tag in {tag.pk: tag for tag in entry.tags}.values()
    )
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article_id=article.pk, author_id=author.pk, position=position)
        for article, entry, *_ in states
        for position, author in enumerate({a.pk: a for a in entry.authors}.values())
    )
    related = _related_of(changed_ids)
    ArticleRevision.objects.bulk_create(
        ArticleRevision(
            article_id=article.pk,
            version=article.version,
            created_by=None,
            created_at=now,
            status=article.status,
            note=note,
            content=_import_snapshot(article, entry, related.get(article.pk, [])),
        )
        for article, entry, *_ in states
    )
    ArticleTransition.objects.bulk_create(
        ArticleTransition(
            article_id=article.pk,
            actor=None,
            created_at=now,
            from_status=from_status,
            to_status=article.status,
            from_published_at=from_published_at,
            to_published_at=article.published_at,
            note=note,
        )
        for article, _entry, from_status, from_published_at in states
        if from_status != article.status
    )
    return outcomes


def _relations_of(ids):
    """({article id: sorted tag ids}, {article id: author ids in order}) of stored articles."""
    tags, authors = {}, {}
    for article_id, tag_id in TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag_id"
    ):
        tags.setdefault(article_id, []).append(tag_id)
    for article_id, author_id in (
        ArticleAuthor.objects.filter(article_id__in=ids)
        .order_by("article_id", "position", "id")
        .values_list("article_id", "author_id")
    ):
        authors.setdefault(article_id, []).append(author_id)
    return {k: sorted(v) for k, v in tags.items()}, authors


def _related_of(ids):
    picks = {}
    links = RelatedArticle.objects.filter(from_article_id__in=ids).select_related("to_article")
    for link in links.order_by("position", "id"):
        picks.setdefault(link.from_article_id, []).append(
            {"id": link.to_article_id, "title": link.to_article.title}
        )
    return picks


def _import_snapshot(article, entry, related):
    """snapshot() of an article written by article_import_batch, from what it wrote."""
    return revision_content(
        article,
        section_name=entry.fields["section"].name,
        tags={tag.name for tag in entry.tags},
        authors=list({a.pk: a for a in entry.authors}.values()),
        cover=entry.fields.get("cover_image"),
        related=related,
    )
