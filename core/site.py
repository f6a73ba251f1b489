"""The public site's address, for every absolute link the project writes: canonical and
OpenGraph URLs, JSON-LD, feeds, sitemaps and emails.

In production SITE_URL is the address. In development (DEBUG) the address is the one
the browser used (``make run PORT=8123`` links to :8123): ``serving(request)`` sets it for
the duration of a request, and everything that calls ``site_url()`` meanwhile follows.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

_request_site_url = ContextVar("request_site_url", default=None)


def site_url():
    """ "scheme://host[:port]" without a trailing slash."""
    return _request_site_url.get() or settings.SITE_URL


def request_site_url(request):
    """The address request came to, when development lets it replace SITE_URL; else None."""
    if not settings.DEBUG:
        return None
    try:
        host = request.get_host()  # validated against ALLOWED_HOSTS
    except DisallowedHost:
        return None
    return f"{request.scheme}://{host}"


@contextmanager
def serving(request):
    """site_url() follows request's host while the block runs (development only)."""
    token = _request_site_url.set(request_site_url(request))
    try:
        yield
    finally:
        _request_site_url.reset(token)
