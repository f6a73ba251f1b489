"""Health checks for load balancers, answered before any other middleware runs.

- ``/healthz``: the process is up (no database, no cache): 200 "ok".
- ``/readyz``: the database and the cache answer: 200 "ready", else 503 naming what
  failed.

Neither is cached, counted, redirected to HTTPS or given a session.
"""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse

HEALTHZ = "/healthz"
READYZ = "/readyz"


def _plain(text, status=200):
    response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response


def readiness():
    """The list of what does not answer: "database", "cache" (empty when ready)."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        failed.append("database")
    try:
        cache.set("readyz", 1, 5)
        if cache.get("readyz") != 1:
            failed.append("cache")
    except Exception:  # noqa: BLE001 - any failure of the cache backend means not ready
        failed.append("cache")
    return failed


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path == HEALTHZ:
            return _plain("ok")
        if path == READYZ:
            failed = readiness()
            return _plain("not ready: " + ", ".join(failed), 503) if failed else _plain("ready")
        return self.get_response(request)
