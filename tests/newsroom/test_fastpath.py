"""newsroom.fastpath through the WSGI application itself (what gunicorn calls): a copy
the whole stack answered a moment ago is answered again before Django runs, with the
same status, headers and body; everything else goes through Django as before."""

import io
import re
import sys
import time
from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from articles import stats
from newsroom.fastpath import ServeCheckedCopies
from reader import cache as page_cache
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36"
PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/130.0 Mobile Safari/537.36"


@pytest.fixture
def app(settings):
    """The wrapped application, each copy kept in the process for 5 s; the number of
    requests Django itself handled in app.handled."""
    settings.PAGE_CACHE_LOCAL_SECONDS = 5
    page_cache._local.clear()
    # As django.test.Client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    handled = []

    def count(**kwargs):
        handled.append(1)

    request_started.connect(count)
    wrapped = ServeCheckedCopies(WSGIHandler())
    wrapped.handled = handled
    yield wrapped
    request_started.disconnect(count)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    page_cache._local.clear()


@pytest.fixture
def article():
    section = SectionFactory(name="Công đoàn")
    return ArticleFactory(
        section=section,
        title="Công nhân được khám sức khỏe miễn phí",
        published_at=timezone.now() - timedelta(hours=1),
    )


def call(app, path, *, method="GET", scheme="http", query="", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": DESKTOP,
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    sent = {}

    def start_response(status, response_headers, exc_info=None):
        sent["status"], sent["headers"] = status, response_headers

    body = b"".join(app(environ, start_response))
    return sent["status"], sent["headers"], body


def named(headers, name):
    return [v for k, v in headers if k.lower() == name.lower()]


def answered_by_django(app, *args, **kwargs):
    before = len(app.handled)
    result = call(app, *args, **kwargs)
    return result, len(app.handled) > before


def test_a_checked_copy_is_answered_again_before_django(app, article):
    url = article.get_absolute_url()
    (status, _headers, rendered), _ = answered_by_django(app, url)
    assert status == "200 OK"
    (status, through_django, body), by_django = answered_by_django(app, url)
    assert by_django and named(through_django, "X-Page-Cache") == ["HIT"]

    (status, headers, again), by_django = answered_by_django(app, url, x_request_id="req-42")
    assert not by_django
    assert status == "200 OK" and again == body == rendered

    # every header the stack sent, security headers included; a new Age and request id
    def without_per_request(pairs):
        return sorted((k, v) for k, v in pairs if k.lower() not in ("age", "x-request-id"))

    assert without_per_request(headers) == without_per_request(through_django)
    assert named(headers, "X-Content-Type-Options") == ["nosniff"]
    assert named(headers, "X-Page-Cache") == ["HIT"]
    assert named(headers, "X-Request-ID") == ["req-42"]
    assert len(named(headers, "Age")) == 1
    assert not named(headers, "Set-Cookie")
    (_, headers, _), by_django = answered_by_django(app, url)
    assert not by_django and re.fullmatch(r"[0-9a-f]{32}", named(headers, "X-Request-ID")[0])


def test_views_still_count_on_copies_answered_early(app, article):
    url = article.get_absolute_url()
    for _ in range(2):
        call(app, url)
    counted = stats.pending_views(article.pk)
    for _ in range(3):
        (_status, _headers, _body), by_django = answered_by_django(app, url)
        assert not by_django
    assert stats.pending_views(article.pk) == counted + 3
    # crawlers do not count, early or not
    call(app, url, user_agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    call(app, url, user_agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    call(app, url, user_agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert stats.pending_views(article.pk) == counted + 3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cookie": "sessionid=abc"},
        {"authorization": "Basic dTpw"},
        {"query": "view=mobile"},
        {"method": "HEAD"},
    ],
    ids=["session", "authorization", "view-override", "head"],
)
def test_what_the_stack_treats_otherwise_goes_through_django(app, article, kwargs):
    url = article.get_absolute_url()
    for _ in range(2):
        call(app, url)
    _, by_django = answered_by_django(app, url)
    assert not by_django
    (status, headers, _body), by_django = answered_by_django(app, url, **kwargs)
    assert by_django
    assert named(headers, "X-Page-Cache") != ["HIT"] or kwargs.get("method") == "HEAD"


def test_a_conditional_get_is_answered_by_django_with_304(app, article):
    url = article.get_absolute_url()
    for _ in range(2):
        _status, headers, _body = call(app, url)
    etag = named(headers, "ETag")[0]
    (status, headers, body), by_django = answered_by_django(app, url, if_none_match=etag)
    assert by_django and status.startswith("304") and body == b""


def test_each_device_gets_its_own_copy(app, article):
    url = article.get_absolute_url()
    for _ in range(2):
        _, _, desktop = call(app, url)
        _, _, phone = call(app, url, user_agent=PHONE)
    assert desktop != phone
    (_, _, body), by_django = answered_by_django(app, url, user_agent=PHONE)
    assert not by_django and body == phone
    (_, _, body), by_django = answered_by_django(app, url, cookie="newsroom_view=mobile")
    assert body == phone  # the reader's choice, remembered in a cookie


def test_a_purge_is_seen_once_the_copys_moment_in_memory_ends(
    app, article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0.3
    url = article.get_absolute_url()
    for _ in range(2):
        call(app, url)
    article.title = "Công nhân khu công nghiệp được khám sức khỏe"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()  # purges the article's pages (reader.signals)
    time.sleep(0.35)
    (status, headers, body), by_django = answered_by_django(app, url)
    assert by_django and named(headers, "X-Page-Cache") == ["MISS"]
    assert "khu công nghiệp được khám" in body.decode()


def test_plain_http_under_the_https_redirect_is_redirected(app, article, settings):
    settings.SECURE_SSL_REDIRECT = True
    redirecting = ServeCheckedCopies(WSGIHandler())  # SecurityMiddleware reads it once
    url = article.get_absolute_url()
    for _ in range(3):
        status, headers, _ = call(redirecting, url, scheme="https")
    assert status == "200 OK" and named(headers, "Strict-Transport-Security")
    status, headers, _ = call(redirecting, url)
    assert status.startswith("301") and named(headers, "Location")[0].startswith("https://")


def test_the_served_application_is_wrapped():
    from newsroom import wsgi

    assert isinstance(wsgi.application, ServeCheckedCopies)
