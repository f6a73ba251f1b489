"""A Redis cache the site can live without.

Django's RedisCache raises when Redis is down (``ConnectionError``) or hung (waits for
redis-py's socket timeout, then ``TimeoutError``): every page that reads the menu or the
"most read" ids would answer 500. ``ResilientRedisCache`` is Django's RedisCache with
every call guarded:

- a call that fails to connect or times out answers as a miss: ``get`` returns the
  default, ``get_many`` ``{}``, ``add``/``delete``/``touch``/``has_key`` ``False``,
  ``set``/``set_many``/``delete_many`` do nothing, ``incr``/``decr`` return ``None``;
  pages then render from the database;
- after a failure the process stops asking Redis for ``DOWN_SECONDS`` (default 1 s): a
  hung server costs one socket timeout per process per second, not one per call;
  the first call after that tries again, so the cache is back within about a second of
  Redis;
- one warning per ``WARN_SECONDS`` (default 60 s) per process says so, with how many
  calls were skipped, and one line says when the cache is back: an outage writes a few
  lines, never a traceback per request.

Invalidations are not skipped: inside ``insisting(cache)`` a call reaches Redis even
within the ``DOWN_SECONDS`` after a failure (in this thread only). The page cache's purges
and the menu's and settings' deletes run so: an editor's save right after Redis came back
is never lost to a failure the process saw a second before; while Redis is down or hung
it costs that save one socket timeout.

Writes skipped while Redis was unavailable are lost, and some of them were
invalidations (a purge of cached pages, a deleted menu): when Redis answers again the
backend sends ``cache_recovered`` with ``writes_lost=True``, so whoever keeps derived
copies in the cache can drop them (the page cache purges every page).

The time each call may take is redis-py's ``socket_connect_timeout`` and
``socket_timeout`` (seconds) in OPTIONS; newsroom.settings sets both to 0.1.
``DOWN_SECONDS`` and ``WARN_SECONDS`` are read from OPTIONS too.
"""

import contextlib
import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# BusyLoadingError (Redis loading its dump) is a ConnectionError; OSError covers sockets
# failing below redis-py.
CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)

# Sent (sender: the backend class; cache: the backend; writes_lost: whether writes were
# skipped or failed meanwhile) by the first call that reaches Redis after a failure.
cache_recovered = Signal()


def _guarded(miss, *, write=False):
    """Run the RedisCache method, or answer miss(args, kwargs) if Redis is unavailable."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._is_down() and not self._insist.active:
                self._skipped += 1
                self._writes_lost = self._writes_lost or write
                return miss(args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except CACHE_ERRORS as error:
                self._writes_lost = self._writes_lost or write
                self._failed(error)
                return miss(args, kwargs)
            self._succeeded()
            return result

        return wrapper

    return decorate


def _default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _none(args, kwargs):
    return None


def _false(args, kwargs):
    return False


def _empty(args, kwargs):
    return {}


def _nothing_stored(args, kwargs):
    return []


class _Insisting(threading.local):
    active = False


def insisting(cache):
    """A context in which cache's calls are tried even right after a failure (for
    invalidations); nothing special for a backend that never skips calls."""
    method = getattr(cache, "insisting", None)
    return method() if method is not None else contextlib.nullcontext(cache)


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, answering misses while Redis is down or hung (module doc)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.down_seconds = float(options.pop("DOWN_SECONDS", 1.0))
        self.warn_seconds = float(options.pop("WARN_SECONDS", 60.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down_since = None
        self._last_warning = None
        self._skipped = 0
        self._writes_lost = False
        self._insist = _Insisting()

    @contextlib.contextmanager
    def insisting(self):
        """Calls inside reach Redis even within the skip window (this thread only)."""
        before, self._insist.active = self._insist.active, True
        try:
            yield self
        finally:
            self._insist.active = before

    # --- state ---------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """False while the process is skipping the cache after a failure."""
        return self._down_since is None

    def _is_down(self):
        return self._down_since is not None and time.monotonic() < self._down_until

    def _failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.down_seconds
            if self._down_since is None:
                self._down_since = now
            warn = self._last_warning is None or now - self._last_warning >= self.warn_seconds
            if warn:
                self._last_warning = now
                skipped, self._skipped = self._skipped, 0
        if warn:
            logger.warning(
                "cache unavailable, pages render from the database: %s: %s "
                "(%d calls skipped since the last warning)",
                type(error).__name__,
                error,
                skipped,
                extra={"rate_limited": True},  # newsroom.requestlog.RepeatFilter lets it be
            )

    def _succeeded(self):
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is None:
                return
            lasted = time.monotonic() - self._down_since
            skipped = self._skipped
            lost, self._writes_lost = self._writes_lost, False
            self._down_since = None
            self._last_warning = None
            self._skipped = 0
        logger.warning(
            "cache available again after %.1f s (%d calls skipped%s)",
            lasted,
            skipped,
            ", writes lost" if lost else "",
            extra={"rate_limited": True},
        )
        for receiver, error in cache_recovered.send_robust(
            type(self), cache=self, writes_lost=lost
        ):
            if isinstance(error, Exception):
                logger.warning("cache recovery: %s failed: %s", receiver, error)

    # --- the cache API ---------------------------------------------------------------
    add = _guarded(_false, write=True)(RedisCache.add)
    get = _guarded(_default)(RedisCache.get)
    set = _guarded(_none, write=True)(RedisCache.set)
    touch = _guarded(_false, write=True)(RedisCache.touch)
    delete = _guarded(_false, write=True)(RedisCache.delete)
    get_many = _guarded(_empty)(RedisCache.get_many)
    has_key = _guarded(_false)(RedisCache.has_key)
    incr = _guarded(_none, write=True)(RedisCache.incr)
    set_many = _guarded(_nothing_stored, write=True)(RedisCache.set_many)
    delete_many = _guarded(_none, write=True)(RedisCache.delete_many)
    clear = _guarded(_false, write=True)(RedisCache.clear)
    # decr() is BaseCache's: incr() with -delta.
