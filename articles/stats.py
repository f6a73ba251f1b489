"""The article view counter behind "Đọc nhiều", without a database write per request.

How it works:

- Each public article view calls ``record_view(article_id)``. That is one atomic
  ``cache.incr`` on a per-article key (``views:<id>``) in the shared cache (Redis in
  production, so every app server counts into the same place).
- The first hit after a flush also stores when counting started (``views:<id>:since``).
- When an article's pending count reaches ``VIEW_COUNT_FLUSH_EVERY`` (default 50) or
  its oldest pending hit is ``VIEW_COUNT_FLUSH_SECONDS`` old (default 300), the request
  that notices it flushes: it takes a short lock (``cache.add``, atomic), subtracts the
  count it read from the cache key (``decr``, so hits arriving meanwhile are kept) and
  adds it to ``Article.view_count`` with one ``UPDATE ... SET view_count = view_count + n``
  (an ``F()`` expression: no read-modify-write race between app servers).

So an article read 1,000 times costs about 20 UPDATEs, not 1,000. What it trades away:
counts pending in the cache are lost if the cache is cleared (at most
``VIEW_COUNT_FLUSH_EVERY - 1`` views per article), and a pending count of an article
nobody reads any more waits for its next reader (``flush_views`` flushes given ids on
demand). While the cache is down (core.cache answers misses) views are not counted and
nothing is flushed; the page is served all the same. That is fine for a "most read"
list; it is not an audience measurement.
Bots (by user agent) are not counted.
"""

import logging
import re
import time
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import F

from .models import Article

logger = logging.getLogger(__name__)

KEY = "views:{}"
SINCE_KEY = "views:{}:since"
LOCK_KEY = "views:{}:lock"
# Pending counts outlive any flush interval; a week covers a quiet weekend.
TIMEOUT = 7 * 24 * 3600
BOT_UA = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview|monitor", re.I)


def flush_every() -> int:
    return getattr(settings, "VIEW_COUNT_FLUSH_EVERY", 50)


def flush_seconds() -> int:
    return getattr(settings, "VIEW_COUNT_FLUSH_SECONDS", 300)


@lru_cache(maxsize=2048)
def is_bot(user_agent: str | None) -> bool:
    """Whether a user agent is a crawler or link previewer (their views do not count)."""
    return bool(BOT_UA.search(user_agent or ""))


def record_view(article_id: int, *, now: float | None = None, count: int = 1) -> None:
    """Count count views of article_id in the cache; flush to the database in batches."""
    now = time.time() if now is None else now
    key = KEY.format(article_id)
    cache.add(key, 0, TIMEOUT)
    try:
        pending = cache.incr(key, count)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, count, TIMEOUT)
        pending = count
    if pending is None:  # the cache is unavailable (core.cache): this view goes uncounted
        return
    if pending == count:
        cache.set(SINCE_KEY.format(article_id), now, TIMEOUT)
    since = cache.get(SINCE_KEY.format(article_id), now)
    if pending >= flush_every() or now - since >= flush_seconds():
        flush_view(article_id, now=now)


def pending_views(article_id: int) -> int:
    """Views of article_id counted in the cache and not yet in the database."""
    return cache.get(KEY.format(article_id), 0)


def flush_view(article_id: int, *, now: float | None = None) -> int:
    """Move article_id's pending views into Article.view_count; returns how many moved."""
    lock = LOCK_KEY.format(article_id)
    if not cache.add(lock, 1, 30):
        return 0  # another request is flushing this article
    try:
        key = KEY.format(article_id)
        pending = cache.get(key, 0)
        if pending <= 0:
            return 0
        if cache.decr(key, pending) is None:  # the cache went away meanwhile
            return 0
        cache.set(SINCE_KEY.format(article_id), time.time() if now is None else now, TIMEOUT)
        try:
            Article.objects.filter(pk=article_id).update(view_count=F("view_count") + pending)
        except DatabaseError:
            # The database is unavailable (the page itself may come from the page
            # cache): the views go back to the cache for the next flush.
            cache.incr(key, pending)
            logger.warning("view counts not flushed: the database is unavailable")
            return 0
        return pending
    finally:
        cache.delete(lock)


def flush_views(article_ids: Iterable[int]) -> int:
    """Flush the pending views of several articles (e.g. from a periodic job or a test)."""
    return sum(flush_view(pk) for pk in article_ids)
