"""Sessions: Django's middleware, without a new session for a cookie it does not know.

SESSION_SAVE_EVERY_REQUEST keeps a staff member's idle timeout sliding. With it, Django
saves the session of every request that carries a session cookie; for a cookie naming no
stored session (expired, deleted at logout elsewhere, or made up) that save creates a
new, empty session row and answers with its cookie, on every request: a reader or a bot
sending a stale cookie costs a database write per page. Here such a session is loaded
first, found empty, and Django's own rule applies: the cookie is deleted, nothing is
written.
"""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not session.modified
        ):
            # Loads it (one lookup, which the save would have made anyway): an unknown
            # key leaves the session without a key and empty.
            session.keys()
        return super().process_response(request, response)
