"""The page cache: anonymous GET/HEAD of public pages served without rendering.

What is cached: a 200 response to a GET or HEAD from a reader without a session
(no session cookie, no Authorization), on a public path (not the admin, previews,
uploads, static files, health checks), that sets no cookie and does not forbid caching.
The key is the device class ("mobile"/"desktop", never the raw user agent), the path
and only the query parameters that change a page (KEPT_PARAMS: ``q``, ``page``,
``truoc``, ``sau``, ``p``); ``?utm_source=…`` shares the page, ``?view=`` (which sets a
cookie) bypasses the cache. Settings: PAGE_CACHE_ALIAS (default "default": Redis in
production, local memory otherwise), PAGE_CACHE_SECONDS (fresh, default 300),
PAGE_CACHE_STALE_SECONDS (how long a copy outlives its freshness to be served while
another worker renders, or when the database fails; default 86,400).

Surrogate keys. Views name what a page shows (``add_keys``): ``article-<id>``,
``section-<id>``, ``tag-<id>``, ``author-<id>``, ``home``, ``feeds``, ``sitemaps``,
``search``, ``featured``. They go out as ``Surrogate-Key`` and ``Cache-Tag`` for a CDN
and stay with the cached copy. ``purge(keys)`` stores, per key, the time of the purge
in the shared cache; a copy rendered before the last purge of one of its keys is stale.
So a purge is one write per key, whatever the number of pages, and is seen by every
app server at their next request. reader/signals.py purges on every write that changes
what readers see; a CDN purge by key runs as a task (reader/tasks.py).

Freshness. A copy is fresh for PAGE_CACHE_SECONDS, but never past the next scheduled
publication (``articles.selectors.next_scheduled_at``): when that time comes, the first
request to notice purges the keys of the articles that just appeared (``arrivals``).

Stampede. On a miss one worker renders (a lock in the cache, ``cache.add``, holding the
time it was taken); the others serve the stale copy if there is one, or wait up to
PAGE_CACHE_LOCK_WAIT seconds for the new one, then render themselves. A lock taken before
the last purge of one of the copy's keys is not honoured (``lock_outdated``): its holder
renders a copy stale on arrival, or lost the lock's release to a Redis failure.

Stale if error. A view failing with a database error (OperationalError,
InterfaceError) is answered with the stale copy when one is kept
(``stale_response_for_error``), marked ``X-Page-Cache: STALE-IF-ERROR``; so is a
maintenance page (503) answered for a database error anywhere below this middleware
(``request.database_unavailable``, set by newsroom.views.maintenance).

Conditional GET: ``ETag`` (a hash of the body) and ``Last-Modified`` (when rendered);
a matching ``If-None-Match`` gets ``304 Not Modified``.

Views of articles still count for "Đọc nhiều" on a hit: the copy knows its article and
the hit calls ``count_article_view``, like the rendering view: summed in the process for
up to PAGE_CACHE_VIEW_BATCH_SECONDS, then ``articles.stats.record_view`` (a cache
increment, no database write).
"""

import hashlib
import threading
import time
from collections import Counter, OrderedDict
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, quote_etag

from articles import selectors, stats
from core.cache import insisting

from . import cdn
from .device import device_for
from .keys import keys_of_articles_published_between
from .tasks import purge_cdn

KEPT_PARAMS = ("q", "page", "truoc", "sau", "p")
BYPASS_PARAMS = ("view",)
EXCLUDED_PREFIXES = ("/static/", "/media/", "/cms/", "/xem-truoc/", "/healthz", "/readyz")
ENTRY = "page:{}"
PURGED = "page-key:{}"
LOCK = "page-lock:{}"
LOCK_SECONDS = 15
POLL_SECONDS = 0.05
HIT, MISS, STALE, BYPASS = "HIT", "MISS", "STALE", "BYPASS"
STALE_IF_ERROR = "STALE-IF-ERROR"
DATABASE_ERRORS = (OperationalError, InterfaceError)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def fresh_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def stale_seconds():
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 86400)


def lock_wait():
    return getattr(settings, "PAGE_CACHE_LOCK_WAIT", 3.0)


# --- What a view tells the cache ---------------------------------------------------------


def add_keys(request, *keys):
    """Name what this page shows (surrogate keys), for the CDN and for purges."""
    found = getattr(request, "surrogate_keys", None)
    if found is None:
        found = request.surrogate_keys = []
    for key in keys:
        if key and key not in found:
            found.append(key)


def with_keys(*keys):
    """View decorator: the pages of this view carry these surrogate keys."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            add_keys(request, *keys)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def article_keys(articles):
    return [f"article-{a.pk}" for a in articles if a is not None and a.pk]


def count_view_on_hits(request, article_id):
    """A cached copy of this page counts a view of article_id each time it is served."""
    request.page_cache_view = article_id


# --- Purges --------------------------------------------------------------------------------


def purge(keys, *, now=None, cdn_too=True):
    """Make every cached page showing one of keys stale, on every app server; and ask
    the CDN (if one is configured) to drop them too, as a task."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return
    now = time.time() if now is None else now
    # Outlives every copy it may have to invalidate.
    with insisting(page_cache()) as cache:  # never skipped (core.cache)
        cache.set_many(
            {PURGED.format(key): now for key in keys}, fresh_seconds() + stale_seconds() + 60
        )
    if cdn_too and cdn.configured():
        purge_cdn.enqueue(keys)


def _purge_stamps(keys):
    """{key name: time of its last purge} of the purged ones among keys."""
    return page_cache().get_many([PURGED.format(key) for key in keys]) if keys else {}


def _purged_since(keys, started, stamps=None):
    """Whether a key of the page was purged after the page was rendered (at started)."""
    stamps = _purge_stamps(keys) if stamps is None else stamps
    return any(stamp >= started for stamp in stamps.values())


# --- Data kept under the same keys -------------------------------------------------------

DATA = "page-data:{}"


def remember(name, keys, compute, seconds=None):
    """compute(), kept in the page cache and forgotten when one of keys is purged (the
    article page's block id lists: purged with the pages that show the same articles).
    keys may be a function of the value, the keys or None: then the value is not kept."""
    cache = page_cache()
    started = time.time()
    entry = cache.get(DATA.format(name))
    if entry is not None and not _purged_since(entry["keys"], entry["started"]):
        return entry["value"]
    value = compute()
    if callable(keys):
        keys = keys(value)
        if keys is None:
            return value
    keys = [k for k in keys if k]
    entry = {"value": value, "keys": keys, "started": started}
    cache.set(DATA.format(name), entry, seconds or fresh_seconds())
    return value


# --- Scheduled articles --------------------------------------------------------------------

NEXT_KEY = "page-next-scheduled"
ARRIVAL_LOCK = "page-arrivals-lock"
CHECKED_KEY = "page-arrivals-checked"
NEXT_SECONDS = 60


def next_scheduled_at(cached=None):
    """When the next scheduled article appears (a timestamp), or None. Kept in the
    shared cache (read with the page itself, cached argument), asked of the database
    at most once a minute or after a write."""
    if cached is None:
        found = selectors.next_scheduled_at()
        cached = found.timestamp() if found else 0
        page_cache().set(NEXT_KEY, cached, NEXT_SECONDS)
    return cached or None


def forget_next_scheduled():
    """A publication time changed: every app server reads it again."""
    with insisting(page_cache()) as cache:
        cache.delete(NEXT_KEY)


def arrivals(now, due):
    """If a scheduled article's time (due) has come, purge the pages it appears on (once,
    by whichever request notices first). Returns whether it purged."""
    if due is None or now < due:
        return False
    cache = page_cache()
    if not cache.add(ARRIVAL_LOCK, 1, 30):
        return False
    try:
        since = cache.get(CHECKED_KEY) or due - 1
        purge(keys_of_articles_published_between(min(since, due - 1), now), now=now)
        cache.set(CHECKED_KEY, now, None)
        forget_next_scheduled()
        return True
    finally:
        cache.delete(ARRIVAL_LOCK)


# --- Requests and copies -------------------------------------------------------------------


def is_cacheable_request(request):
    """Anonymous GET/HEAD of a public path, without a session or an override."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES) or path.startswith(f"/{settings.ADMIN_URL}"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if not request.META.get("QUERY_STRING"):
        return True
    return not any(name in request.GET for name in BYPASS_PARAMS)


def cache_key(request):
    """Device class + host + path + the query parameters that change the page."""
    params = ""
    if request.META.get("QUERY_STRING"):
        params = urlencode(sorted((k, v) for k in KEPT_PARAMS for v in request.GET.getlist(k)))
    # The host too: absolute links follow it in development (core.site), and one app
    # may serve several names.
    host = request.META.get("HTTP_HOST", "")
    raw = f"{device_for(request)}|{host}|{request.path}|{params}"
    return hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - a key, not a secret


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-cache", "no-store"))


def cache_control(response, seconds):
    patch_cache_control(
        response,
        public=True,
        max_age=min(60, seconds),
        s_maxage=seconds,
        stale_while_revalidate=60,
        stale_if_error=stale_seconds(),
    )


def make_entry(request, response, started, fresh_until):
    body = response.content
    # Every page shows the menu: "site" purges them all (a section renamed or moved).
    keys = ["site", *getattr(request, "surrogate_keys", [])]
    if keys:
        response["Surrogate-Key"] = " ".join(keys)
        response["Cache-Tag"] = ",".join(keys)
    response["ETag"] = quote_etag(hashlib.md5(body).hexdigest())  # noqa: S324 - a validator
    response["Last-Modified"] = http_date(started)
    cache_control(response, max(1, int(fresh_until - started)))
    kept = {k: v for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")}
    return {
        "status": response.status_code,
        # As Django's ResponseHeaders holds them ({lower-case name: (name, value)}),
        # checked and encoded once: a hit copies them in instead of setting each one.
        "headers": dict(ResponseHeaders(kept)._store),
        "body": body,
        "keys": keys,
        "started": started,
        "fresh_until": fresh_until,
        "view": getattr(request, "page_cache_view", None),
    }


def _header_store(entry):
    headers = entry["headers"]
    # A copy stored by an earlier release holds (name, value) pairs.
    return headers if isinstance(headers, dict) else ResponseHeaders(dict(headers))._store


def response_from(request, entry, state, now):
    """The cached copy as a response (304 when the client already has it)."""
    store = _header_store(entry)
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    etag = store.get("etag", (None, None))[1]
    if if_none_match and etag and etag in parse_etags(if_none_match):
        response = HttpResponseNotModified()
        for name in ("etag", "last-modified", "cache-control", "vary"):
            if name in store:
                response[store[name][0]] = store[name][1]
    else:
        body = b"" if request.method == "HEAD" else entry["body"]
        response = HttpResponse(body, status=entry["status"])
        response.headers._store.update(store)
        if request.method == "HEAD":
            response["Content-Length"] = str(len(entry["body"]))
    if state != HIT:
        # Someone else is rendering the new copy: say how old this one is.
        cache_control(response, 1)
    response["Age"] = str(max(0, int(now - entry["started"])))
    response["X-Page-Cache"] = state
    return response


_views = Counter()
_views_lock = threading.Lock()
_views_flushed = [0.0]


def view_batch_seconds():
    return getattr(settings, "PAGE_CACHE_VIEW_BATCH_SECONDS", 1.0)


def count_view(request, entry):
    """A copy of an article's page served counts a view of it (count_article_view)."""
    count_article_view(request, entry.get("view"))


def count_article_view(request, article_id):
    """A reader saw article_id (rendered or from a copy): counted in this process first,
    handed to articles.stats (the shared cache) at most once a second per process.
    Crawlers do not count."""
    if not article_id or stats.is_bot(request.META.get("HTTP_USER_AGENT")):
        return
    now = time.time()
    with _views_lock:
        _views[article_id] += 1
        if now - _views_flushed[0] < view_batch_seconds():
            return
        batch = dict(_views)
        _views.clear()
        _views_flushed[0] = now
    for pk, count in batch.items():
        stats.record_view(pk, now=now, count=count)


# A copy checked against the shared cache less than PAGE_CACHE_LOCAL_SECONDS ago is
# served from this process's memory without asking again: a purge reaches every app
# server within that time (well inside the one second promised), and a hit costs no
# round trip at all. At most LOCAL_ENTRIES copies per process.
LOCAL_ENTRIES = 300
_local = OrderedDict()
_local_lock = threading.Lock()
# In the WSGI environ of a request answered with a copy checked against the shared cache
# (a HIT): (key, whether over HTTPS, entry). newsroom.fastpath answers the next ones
# before Django runs.
SERVED = "newsroom.page_cache.served"


def local_seconds():
    return getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0.5)


def local_entry(key, now):
    if local_seconds() <= 0:
        return None
    with _local_lock:
        found = _local.get(key)
        if found is None:
            return None
        entry, checked = found
        if now - checked >= local_seconds() or now >= entry["fresh_until"]:
            del _local[key]
            return None
        _local.move_to_end(key)
        return entry


def remember_locally(key, entry, now):
    if local_seconds() <= 0:
        return
    with _local_lock:
        _local[key] = (entry, now)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def local_copy(request, now):
    """(key, entry): this request's copy as kept in the process (checked against the
    shared cache less than PAGE_CACHE_LOCAL_SECONDS ago), or None; under the rules of
    PageCacheMiddleware."""
    if not _local or not is_cacheable_request(request):
        return None
    key = cache_key(request)
    entry = local_entry(key, now)
    return None if entry is None else (key, entry)


def is_fresh(entry, now, stamps=None):
    return now < entry["fresh_until"] and not _purged_since(entry["keys"], entry["started"], stamps)


def stale_response_for_error(request, exception):
    """The stale copy of this page when rendering failed on the database, else None.

    The one place that turns a database failure into the last good page: the copy is
    kept PAGE_CACHE_STALE_SECONDS past its freshness for this."""
    if not isinstance(exception, DATABASE_ERRORS):
        return None
    return stale_response(request)


def stale_response(request):
    """The kept copy of this page, marked STALE-IF-ERROR, or None."""
    key = getattr(request, "page_cache_key", None)
    if key is None:
        return None
    entry = page_cache().get(ENTRY.format(key))
    if entry is None:
        return None
    request.page_cache_served_stale = True
    count_view(request, entry)
    return response_from(request, entry, STALE_IF_ERROR, time.time())


def lock_outdated(cache, key, stamps):
    """Whether the render lock of key was taken before the last purge of one of the kept
    copy's keys (their stamps, as is_fresh read them): what its holder renders is stale
    already, or the holder never released it (Redis failed between, or the process
    died). The request renders instead of serving the stale copy until the lock expires."""
    taken = cache.get(LOCK.format(key))
    if not isinstance(taken, float):  # gone meanwhile, or not a time
        return False
    return any(stamp > taken for stamp in stamps.values())


class PageCacheMiddleware:
    """Serves and stores reader pages (see the module docstring). Placed near the top
    of MIDDLEWARE: a hit skips the rest of the stack; a stored copy has every header the
    stack adds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            response.setdefault("X-Page-Cache", BYPASS)
            return response
        now = time.time()
        cache = page_cache()
        key = request.page_cache_key = cache_key(request)
        entry = local_entry(key, now)
        if entry is not None:
            count_view(request, entry)
            request.environ[SERVED] = (key, request.is_secure(), entry)
            return response_from(request, entry, HIT, now)
        # One round trip: the copy and the time of the next scheduled article.
        found = cache.get_many([ENTRY.format(key), NEXT_KEY])
        if NEXT_KEY in found:
            due = found[NEXT_KEY] or None
            if not arrivals(now, due):  # after arrivals: asked again when stored
                request.page_cache_due = due
        entry = found.get(ENTRY.format(key))
        stamps = _purge_stamps(entry["keys"]) if entry is not None else {}
        if entry is not None and is_fresh(entry, now, stamps):
            remember_locally(key, entry, now)
            count_view(request, entry)
            request.environ[SERVED] = (key, request.is_secure(), entry)
            return response_from(request, entry, HIT, now)
        if not cache.add(LOCK.format(key), now, LOCK_SECONDS):
            # Another worker renders this page: the stale copy, or wait for the new one.
            if entry is not None and not lock_outdated(cache, key, stamps):
                count_view(request, entry)
                return response_from(request, entry, STALE, now)
            if entry is not None:
                cache.set(LOCK.format(key), now, LOCK_SECONDS)  # taken over
                return self.render(request, key, now, locked=True)
            waited = self.wait_for(key, now)
            if waited is not None:
                count_view(request, waited)
                return response_from(request, waited, HIT, time.time())
            return self.render(request, key, now, locked=False)
        return self.render(request, key, now, locked=True)

    def wait_for(self, key, started):
        cache = page_cache()
        while time.time() - started < lock_wait():
            time.sleep(POLL_SECONDS)
            entry = cache.get(ENTRY.format(key))
            if entry is not None and is_fresh(entry, time.time()):
                return entry
            if cache.get(LOCK.format(key)) is None:
                break
        return None

    def render(self, request, key, started, *, locked):
        cache = page_cache()
        try:
            response = self.get_response(request)
            if getattr(request, "page_cache_served_stale", False):
                return response
            if getattr(request, "database_unavailable", False):
                # The database failed below the view too (a middleware's query): the
                # maintenance page (newsroom.views) says so; the kept copy is better.
                stale = stale_response(request)
                if stale is not None:
                    return stale
            if not is_cacheable_response(response):
                response.setdefault("X-Page-Cache", BYPASS)
                return response
            fresh_until = started + fresh_seconds()
            if hasattr(request, "page_cache_due"):
                scheduled = request.page_cache_due
            else:
                scheduled = next_scheduled_at()
            if scheduled and scheduled > started:
                fresh_until = min(fresh_until, scheduled)
            entry = make_entry(request, response, started, fresh_until)
            cache.set(ENTRY.format(key), entry, int(fresh_until - started) + stale_seconds())
            response["X-Page-Cache"] = MISS
            etag = response["ETag"]
            if etag in parse_etags(request.headers.get("If-None-Match", "")):
                return response_from(request, entry, MISS, started)
            return response
        finally:
            if locked:
                with insisting(cache):  # a lock left behind holds the stale copy up
                    cache.delete(LOCK.format(key))

    def process_exception(self, request, exception):
        return stale_response_for_error(request, exception)
