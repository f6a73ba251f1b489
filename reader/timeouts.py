"""A time limit on every database statement a reader's request runs (PostgreSQL).

READER_STATEMENT_TIMEOUT_MS (default 2,000) bounds each statement of a public page, so
no request can hold the database or a worker: PostgreSQL cancels the statement
(SQLSTATE 57014) and the request fails fast — search answers with its own page
(reader.views.search_timed_out). Staff pages (the admin) get STAFF_STATEMENT_TIMEOUT_MS
(default 0: none); management commands never pass here and run unbounded.

The setting is sent once per connection and per change (persistent connections keep
it), not once per request.
"""

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created

from core.site import file_url_prefixes

QUERY_CANCELED = "57014"
_APPLIED = "_newsroom_statement_timeout"


def is_statement_timeout(exc):
    """Whether a database error is PostgreSQL cancelling a statement for its timeout."""
    cause = getattr(exc, "__cause__", None)
    return getattr(cause, "pgcode", None) == QUERY_CANCELED


def set_statement_timeout(milliseconds):
    """Bound the statements of this connection (PostgreSQL; other databases: nothing)."""
    if connection.vendor != "postgresql":
        return
    if getattr(connection, _APPLIED, None) == milliseconds and connection.connection is not None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}"])
    setattr(connection, _APPLIED, milliseconds)


def _forget(sender, connection, **kwargs):
    setattr(connection, _APPLIED, None)


connection_created.connect(_forget)


class StatementTimeoutMiddleware:
    """Readers' requests run under READER_STATEMENT_TIMEOUT_MS, the admin's under
    STAFF_STATEMENT_TIMEOUT_MS (0: none). Placed after the page cache and the health
    checks: a page served from the cache never reaches the database."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.staff_prefixes = (f"/{settings.ADMIN_URL}", "/cms/")
        # Files served by Django (development) run no query: no connection for them.
        self.file_prefixes = file_url_prefixes()

    def __call__(self, request):
        if request.path.startswith(self.file_prefixes):
            return self.get_response(request)
        if request.path.startswith(self.staff_prefixes):
            wanted = getattr(settings, "STAFF_STATEMENT_TIMEOUT_MS", 0)
        else:
            wanted = getattr(settings, "READER_STATEMENT_TIMEOUT_MS", 2000)
        set_statement_timeout(wanted)
        return self.get_response(request)
