"""Health checks for load balancers and the readers' statement timeout."""

import pytest
from django.db import connection
from django.test import Client

from reader import search as search_module
from reader import timeouts
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_healthz_needs_neither_database_nor_cache(client, django_assert_num_queries, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Cache-Control"] == "no-store" and "X-Page-Cache" not in response
    assert not response.cookies


def test_readyz_checks_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.content == b"ready"


def test_readyz_names_what_does_not_answer(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503 and b"cache" in response.content


def test_health_checks_are_not_views_of_anything(client):
    article = ArticleFactory()
    for _ in range(3):
        client.get("/healthz")
        client.get("/readyz")
    from articles import stats

    assert stats.pending_views(article.pk) == 0


@pytest.mark.django_db(transaction=True)
def test_a_search_past_the_statement_timeout_gets_its_own_vietnamese_page(
    postgres, settings, monkeypatch
):
    settings.READER_STATEMENT_TIMEOUT_MS = 100

    def slow(query, limit, offset=0, before=None, after=None):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        return []

    monkeypatch.setattr(search_module, "result_ids", slow)
    try:
        response = Client().get("/tim-kiem/", {"q": "công đoàn"})
        assert response.status_code == 503
        html = response.content.decode()
        assert "Tìm kiếm quá lâu, hãy thu hẹp từ khóa." in html
        assert 'value="công đoàn"' in html
        assert "no-cache" in response["Cache-Control"]
    finally:
        timeouts.set_statement_timeout(0)


def test_the_reader_timeout_is_set_on_the_connection(postgres, client, settings):
    settings.READER_STATEMENT_TIMEOUT_MS = 1500
    client.get("/tim-kiem/", {"q": "x"})
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "1500ms"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
    timeouts.set_statement_timeout(0)
