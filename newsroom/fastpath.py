"""The page cache's first step, before Django builds a request.

A reader's GET of a page whose copy this process checked against the shared cache less
than PAGE_CACHE_LOCAL_SECONDS ago (reader.cache: ``local_copy``) is answered here, from
memory, exactly as the whole stack answered it the last time: the status and headers of
that response (the copy's own, and those the middleware above the page cache added:
security headers, ``X-Page-Cache: HIT``) with a new ``Age`` and ``X-Request-ID``. The
view of an article still counts. So a hit costs no request signals, no middleware and no
HttpResponse, less than ``/healthz`` does.

Only what the stack already answered with such a copy is answered here: a request the
stack would treat otherwise never gets one (a session cookie, Authorization, ``?view=``,
an excluded path: reader.cache.is_cacheable_request; a plain-HTTP request under
SECURE_SSL_REDIRECT, which the stack redirects, never has a copy answered over HTTP to
repeat; a response that set a cookie is never repeated). A HEAD, a conditional GET
(If-None-Match) and anything after the copy's moment in memory go through Django.
"""

import logging
import threading
import time

from django.core.handlers.wsgi import WSGIRequest

from reader import cache as page_cache

from .requestlog import REQUEST_ID_HEADER, request_id_from

logger = logging.getLogger(__name__)

PER_REQUEST = {"age", REQUEST_ID_HEADER.lower()}
MAX_ANSWERS = 2 * page_cache.LOCAL_ENTRIES


class ServeCheckedCopies:
    """WSGI middleware around Django's application (newsroom.wsgi); module docstring."""

    def __init__(self, application):
        self.application = application
        self._answers = {}  # (key, secure) -> (entry, status, headers without PER_REQUEST)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if self._answers and self._may_answer(environ):
            try:
                answered = self._answer(environ, start_response)
            except Exception:  # the stack answers instead, and says what failed
                logger.exception("the page cache's first step failed")
                answered = None
            if answered is not None:
                return answered
        sent = []

        def keep(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.application(environ, keep)
        served = environ.get(page_cache.SERVED)
        if served is not None and sent and self._may_answer(environ):
            self._remember(served, *sent)
        return result

    @staticmethod
    def _may_answer(environ):
        return environ.get("REQUEST_METHOD") == "GET" and "HTTP_IF_NONE_MATCH" not in environ

    def _answer(self, environ, start_response):
        request = WSGIRequest(environ)
        now = time.time()
        found = page_cache.local_copy(request, now)
        if found is None:
            return None
        key, entry = found
        kept = self._answers.get((key, request.is_secure()))
        if kept is None or kept[0] is not entry:
            return None
        _entry, status, headers = kept
        page_cache.count_view(request, entry)
        start_response(
            status,
            [
                *headers,
                ("Age", str(max(0, int(now - entry["started"])))),
                (REQUEST_ID_HEADER, request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))),
            ],
        )
        return [entry["body"]]

    def _remember(self, served, status, headers):
        key, secure, entry = served
        if not status.startswith("200 ") or any(k.lower() == "set-cookie" for k, _ in headers):
            return
        kept = [(k, v) for k, v in headers if k.lower() not in PER_REQUEST]
        with self._lock:
            if len(self._answers) >= MAX_ANSWERS:
                self._answers.clear()
            self._answers[key, secure] = (entry, status, kept)
