"""While the database does not answer: the maintenance page (503, Retry-After, Vietnamese,
rendered without a query) on the public site and in the admin; an admin save shows the
typed text again, stores nothing, and goes through when sent again; one log line per
kind of failure with the request's id."""

import io
import json
import logging
from html.parser import HTMLParser

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleRevision
from newsroom import views
from newsroom.requestlog import JsonFormatter, RepeatFilter, RequestIdFilter
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

MAINTENANCE = "Hệ thống đang bảo trì, xin quay lại sau ít phút"


class DatabaseDown:
    """An execute wrapper that refuses every query (or only those matching `only`), as a
    stopped PostgreSQL does: OperationalError."""

    def __init__(self, only=None):
        self.only = only
        self.refused = []

    def __call__(self, execute, sql, params, many, context):
        if self.only is None or self.only in sql:
            self.refused.append(sql)
            raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
        return execute(sql, params, many, context)


@pytest.fixture
def reader_client():
    return Client(raise_request_exception=False)


@pytest.fixture
def section():
    return SectionFactory(name="Thời sự", slug="thoi-su")


def assert_maintenance(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert MAINTENANCE in html
    return html


def test_public_pages_answer_503_while_the_database_is_down(reader_client, section):
    article = ArticleFactory(section=section)
    urls = ["/", article.get_absolute_url(), "/thoi-su/", reverse("search") + "?q=x"]
    down = DatabaseDown()
    with connection.execute_wrapper(down):
        for url in urls:
            html = assert_maintenance(reader_client.get(url))
            assert 'lang="vi"' in html
    assert down.refused  # the pages did try the database
    # and once it answers again, so do they
    for url in urls:
        assert reader_client.get(url).status_code == 200


def test_the_admin_answers_503_too(reader_client, superuser):
    reader_client.force_login(superuser)
    with connection.execute_wrapper(DatabaseDown()):
        assert_maintenance(reader_client.get(reverse("admin:index")))
        assert_maintenance(reader_client.get(reverse("admin:articles_article_changelist")))
    assert reader_client.get(reverse("admin:index")).status_code == 200


def test_the_maintenance_page_renders_without_a_query(django_assert_num_queries, rf):
    request = rf.get("/bat-ky/")
    request.request_id = "abc123"
    with django_assert_num_queries(0):
        response = views.maintenance(request)
    assert_maintenance(response)
    assert "abc123" in response.content.decode()


def test_other_errors_keep_the_500_page(reader_client, monkeypatch, section):
    from reader import views as reader_views

    def broken(request):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(reader_views.blocks, "home_blocks", lambda: broken(None))
    response = reader_client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_page_carries_the_csp_nonce_of_its_styles(reader_client):
    with connection.execute_wrapper(DatabaseDown()):
        response = reader_client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = response.content.decode().split('<style nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in policy


class FormFields(HTMLParser):
    """The inputs and textareas of the page's forms, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def posted(html):
    parser = FormFields()
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def test_an_admin_save_during_an_outage_keeps_the_typed_text(editor, section):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.force_login(editor)
    article = ArticleFactory(section=section, title="Tiêu đề cũ", created_by=editor)
    before = Article.objects.values().get(pk=article.pk)
    revisions = ArticleRevision.objects.count()
    form_page = client.get(change_url(article))
    token = form_page.context["csrf_token"]
    typed = form_data(
        article,
        editor=True,
        title="Tiêu đề mới <gõ dở> & “ngoặc”",
        body="<p>Đoạn văn bản biên tập viên vừa gõ.</p>",
        csrfmiddlewaretoken=str(token),
        _save="1",
    )
    # The article row is written, then the database goes away before the revision is:
    down = DatabaseDown(only="articles_articlerevision")
    with connection.execute_wrapper(down):
        response = client.post(change_url(article), typed)
    assert down.refused
    html = assert_maintenance(response)
    assert "Chưa lưu được" in html
    assert "Tiêu đề mới &lt;gõ dở&gt; &amp; “ngoặc”" in html  # shown, escaped
    # nothing half-written
    assert Article.objects.values().get(pk=article.pk) == before
    assert ArticleRevision.objects.count() == revisions

    # The page's own form sends the same thing again: now it is saved.
    again = posted(html)
    assert again["title"] == [typed["title"]]
    assert again["_save"] == ["1"]
    response = client.post(change_url(article), again)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == typed["title"]
    assert article.body == typed["body"]
    assert ArticleRevision.objects.count() == revisions + 1


def test_public_posts_are_not_echoed(reader_client):
    with connection.execute_wrapper(DatabaseDown()):
        response = reader_client.post(reverse("search"), {"title": "không hiện lại"})
    assert response.status_code in (405, 503)
    assert "không hiện lại" not in response.content.decode()


# --- request ids and log lines -----------------------------------------------------------
@pytest.fixture
def log_lines():
    """What the site's console handler writes, with its filters and formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RepeatFilter(seconds=60))
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_an_outage_logs_one_line_per_kind_of_failure(reader_client, log_lines, section):
    article = ArticleFactory(section=section)
    ids = []
    with connection.execute_wrapper(DatabaseDown()):
        for _ in range(25):
            for url in ["/", article.get_absolute_url()]:
                response = reader_client.get(url, HTTP_X_REQUEST_ID="")
                assert response.status_code == 503
                ids.append(response["X-Request-ID"])
    lines = log_lines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert line["status"] == 503 and line["path"] == "/"
    assert line["request_id"] == ids[0]
    assert line["error"].startswith("OperationalError: connection to server")
    assert "Traceback" in line["traceback"]
    assert len(set(ids)) == 50  # every request its own id


def test_repeats_are_counted_on_the_next_line_let_through():
    repeat = RepeatFilter(seconds=0.2)
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("a",), None)
    assert repeat.filter(record)
    for _ in range(5):
        assert not repeat.filter(logging.makeLogRecord(record.__dict__))
    import time

    time.sleep(0.25)
    later = logging.makeLogRecord({**record.__dict__, "repeated": 0})
    assert repeat.filter(later)
    assert later.repeated == 5
    assert '"repeated": 5' in JsonFormatter().format(later)
    info = logging.LogRecord("x", logging.INFO, __file__, 1, "fine", (), None)
    assert all(repeat.filter(info) for _ in range(3))  # below WARNING: never held back


def test_x_request_id_is_honoured_when_it_looks_like_an_id(client):
    assert client.get("/", HTTP_X_REQUEST_ID="lb-1234.abc")["X-Request-ID"] == "lb-1234.abc"
    for junk in ["a b", "x" * 300, "<script>", "ä"]:
        answered = client.get("/", HTTP_X_REQUEST_ID=junk)["X-Request-ID"]
        assert answered != junk and len(answered) == 32


def test_request_ids_reach_log_lines(client, log_lines):
    logging.getLogger("reader").warning("something %s", "odd")
    client.get("/khong-co/", HTTP_X_REQUEST_ID="req-42")
    lines = log_lines()
    assert lines[0]["request_id"] == "-"
    assert lines[0]["message"] == "something odd"
    assert {"request_id": "req-42", "status": 404}.items() <= lines[1].items()
