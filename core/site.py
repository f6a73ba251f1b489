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


def request_site():
    """The development address of the request being served, else None: what background
    work queued by the request hands to ``serving_url`` (emails sent by a worker)."""
    return _request_site_url.get()


@contextmanager
def serving_url(url):
    """site_url() is url (None: SITE_URL) while the block runs."""
    token = _request_site_url.set(url)
    try:
        yield
    finally:
        _request_site_url.reset(token)


def serving(request):
    """site_url() follows request's host while the block runs (development only)."""
    return serving_url(request_site_url(request))


def file_url_prefixes():
    """URL prefixes of the files Django may serve itself (static, uploads): no page and
    no old article address lives under them, and they need no database."""
    return tuple(
        prefix
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
        if prefix and prefix.startswith("/") and prefix != "/"
    )
