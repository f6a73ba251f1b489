"""Logs that help during an outage: a request id on every request and every log line, one
line per record (JSON), and repeats of the same failure counted instead of written.

- ``RequestIdMiddleware`` (first in MIDDLEWARE) takes the client's or the load
  balancer's ``X-Request-ID`` when it looks like an id, else makes one, keeps it for the
  log lines written while the request runs and answers it in ``X-Request-ID``.
- ``RequestIdFilter`` puts it on each record (``-`` outside a request).
- ``RepeatFilter`` lets through the first record of each kind (logger, level, message
  template, status, exception type) per ``seconds`` (LOG_REPEAT_SECONDS, 60) and counts
  the rest; the next one let through says how many were left out (``repeated``).
  Records written with ``extra={"rate_limited": True}`` are already limited at their
  source and pass as they are. So a
  database outage writes a line per kind of failure per minute per process, not a
  traceback per request.
- ``JsonFormatter`` writes each record as one JSON line: time, level, logger, request
  id, message, the request's method, path and status when Django gave them, the error
  (type and first line) and, for the first of its kind per interval, the traceback of the
  innermost exception (as a string, still one line).
"""

import contextvars
import json
import logging
import re
import threading
import time
import traceback
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
VALID_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
TRACEBACK_FRAMES = 12

_request_id = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    """The id of the request this thread is serving, or "-"."""
    return _request_id.get()


def request_id_from(given):
    """The X-Request-ID a request sent when it looks like one, else a new uuid4."""
    return given if given and VALID_ID.fullmatch(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """request.request_id from X-Request-ID (when it looks like one) or a new uuid4;
    answered in the X-Request-ID response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER, ""))
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """record.request_id: the id of the record's request (Django's request logger logs
    4xx/5xx responses after the middleware has returned) or of the running one."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current_request_id()
        return True


class RepeatFilter(logging.Filter):
    """The first record of each kind per `seconds`; the others are counted, and the next
    one let through carries the count (record.repeated)."""

    def __init__(self, seconds=60, level=logging.WARNING):
        super().__init__()
        self.seconds = float(seconds)
        self.level = level
        self._lock = threading.Lock()
        self._seen = {}  # kind -> [first time let through, suppressed count]

    @staticmethod
    def kind(record):
        error = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        return (
            record.name,
            record.levelno,
            str(record.msg),
            getattr(record, "status_code", None),
            error,
        )

    def filter(self, record):
        if record.levelno < self.level or getattr(record, "rate_limited", False):
            return True  # below the level, or limited where it was written (core.cache)
        key = self.kind(record)
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.seconds:
                seen[1] += 1
                return False
            record.repeated = seen[1] if seen else 0
            self._seen[key] = [now, 0]
            if len(self._seen) > 1000:  # kinds no longer seen are forgotten
                cutoff = now - self.seconds
                self._seen = {k: v for k, v in self._seen.items() if v[0] >= cutoff}
        return True


def _first_line(text, limit=500):
    return (str(text).strip().splitlines() or [""])[0][:limit]


class JsonFormatter(logging.Formatter):
    """One JSON object per line (see the module doc)."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": _first_line(record.getMessage(), 2000),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            line["method"] = request.method
            line["path"] = request.get_full_path()[:500]
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        if getattr(record, "repeated", 0):
            line["repeated"] = record.repeated  # left out since the last line of this kind
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line["error"] = f"{type(error).__name__}: {_first_line(error)}"
            line["traceback"] = "".join(
                traceback.format_exception(error, limit=-TRACEBACK_FRAMES, chain=False)
            )
        return json.dumps(line, ensure_ascii=False, default=str)
