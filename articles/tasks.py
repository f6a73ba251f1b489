"""The articles' background work: workflow emails, the go-live email of a scheduled
article, and the search index refresh after a bulk write: the documents an import left
pending, then the GIN pending list and statistics (helpers: core.tasks)."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from core.site import request_site, serving_url
from core.tasks import enqueue, enqueue_on_commit, retrying_task

from . import notifications, search_index
from .models import Article

# What a step's email says, by the name the services queue it under.
EMAILS = {
    "submitted": notifications.notify_submitted,
    "returned": notifications.notify_returned,
    "published": notifications.notify_published,
    "scheduled": notifications.notify_scheduled,
    "unscheduled": notifications.notify_unscheduled,
    "withdrawn": notifications.notify_withdrawn,
}


def queue_email(kind, article, actor, *extra):
    """Send the email kind about article (by actor) from a worker once the current
    transaction commits. extra: the note, the reason or the former time (as ISO)."""
    extra = [value.isoformat() if isinstance(value, datetime) else value for value in extra]
    actor_id = actor.pk if actor is not None else None
    # In development the links name the host the staff member used (core.site).
    enqueue_on_commit(send_email, kind, article.pk, actor_id, *extra, site=request_site())


@retrying_task(max_attempts=6, backoff=60, max_backoff=3600)
def send_email(kind, article_id, actor_id, *extra, site=None):
    """Send one workflow email (a mail server that refuses is tried again later); site:
    the development address its links use (None: SITE_URL)."""
    article = Article.objects.select_related("created_by").filter(pk=article_id).first()
    if article is None:
        return False
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    if kind == "unscheduled":
        extra = [datetime.fromisoformat(extra[0]) if extra and extra[0] else None]
    with serving_url(site):
        EMAILS[kind](article, actor, *extra)
    return True


def queue_go_live_email(article, actor):
    """When a scheduled article goes live, tell its creator "Đã xuất bản": queued now to
    run at its publication time, checked again then."""
    actor_id = actor.pk if actor is not None else None
    at = article.published_at
    enqueue_on_commit(send_go_live_email, article.pk, at.isoformat(), actor_id, run_after=at)


@retrying_task(max_attempts=6, backoff=60, max_backoff=3600)
def send_go_live_email(article_id, published_at, actor_id):
    """Send the "Đã xuất bản" email if the article is still scheduled for published_at and
    that time has come. Unscheduled, withdrawn or moved to another time meanwhile: nothing
    (a new schedule queued its own; publishing now sent its own email)."""
    expected = datetime.fromisoformat(published_at)
    article = Article.objects.select_related("created_by").filter(pk=article_id).first()
    if (
        article is None
        or article.status != Article.Status.PUBLISHED
        or article.published_at != expected
    ):
        return "cancelled"
    if expected > timezone.now():
        # A worker early (clocks) or a backend that cannot wait: look again at the time.
        enqueue(send_go_live_email, article_id, published_at, actor_id, run_after=expected)
        return "not yet"
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    notifications.notify_published(article, actor)
    return "sent"


# A bulk write leaves the search index's new entries in the GIN pending list and the
# planner's statistics stale (autovacuum may be off), which slows every search until
# cleaned; an import also leaves its articles' search documents for a worker to compute
# (articles.search_index.documents_deferred).
# Search documents computed per transaction: a few seconds of work, so that a worker
# stopped halfway keeps what it did and another worker can share the queue.
FILL_CHUNK = 2000


@retrying_task(max_attempts=3, backoff=60)
def refresh_search_index(analyze=True):
    """Compute the pending search documents, then (analyze) fold the search index's
    pending entries in and refresh the planner statistics of the articles table.
    PostgreSQL only (SQLite's FTS5 triggers index every write at once): False there,
    else the number of documents computed."""
    if connection.vendor != "postgresql":
        return False
    filled = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            done = search_index.fill_pending(cursor, FILL_CHUNK)
        filled += done
        if done < FILL_CHUNK:
            break
    if analyze:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [search_index.SEARCH_INDEX])
            if cursor.fetchone()[0]:
                cursor.execute(
                    "SELECT gin_clean_pending_list(%s::regclass)", [search_index.SEARCH_INDEX]
                )
            cursor.execute(f"ANALYZE {Article._meta.db_table}")
    return filled
