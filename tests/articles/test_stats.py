"""The view counter behind "Đọc nhiều": counted in the cache, written in batches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import stats
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def updates(captured):
    return [q for q in captured if q["sql"].startswith("UPDATE")]


def test_views_are_flushed_every_n_hits_with_one_update(settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 10
    article = ArticleFactory()
    with CaptureQueriesContext(connection) as captured:
        for _ in range(25):
            stats.record_view(article.pk, now=1000.0)
    assert len(captured) == 2 and len(updates(captured)) == 2
    article.refresh_from_db()
    assert article.view_count == 20
    assert stats.pending_views(article.pk) == 5


def test_views_are_flushed_after_some_time(settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = 60
    article = ArticleFactory()
    stats.record_view(article.pk, now=1000.0)
    stats.record_view(article.pk, now=1030.0)
    article.refresh_from_db()
    assert article.view_count == 0
    stats.record_view(article.pk, now=1061.0)
    article.refresh_from_db()
    assert article.view_count == 3 and stats.pending_views(article.pk) == 0


def test_a_flush_in_progress_is_not_repeated(settings):
    article = ArticleFactory()
    stats.record_view(article.pk)
    from django.core.cache import cache

    cache.add(stats.LOCK_KEY.format(article.pk), 1)  # another request is flushing
    assert stats.flush_view(article.pk) == 0
    cache.delete(stats.LOCK_KEY.format(article.pk))
    assert stats.flush_view(article.pk) == 1
    assert stats.flush_views([article.pk]) == 0


def test_flush_does_not_touch_the_article_otherwise(settings):
    article = ArticleFactory()
    version, updated_at = article.version, article.updated_at
    stats.record_view(article.pk)
    stats.flush_views([article.pk])
    article.refresh_from_db()
    assert (article.view_count, article.version, article.updated_at) == (1, version, updated_at)


@pytest.mark.parametrize(
    ("ua", "bot"),
    [
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", True),
        ("facebookexternalhit/1.1", True),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148", False),
        ("", False),
    ],
)
def test_bots_are_recognised(ua, bot):
    assert stats.is_bot(ua) is bot


def test_a_flush_while_the_database_is_down_keeps_the_views(transactional_db, settings):
    from django.db import OperationalError, connection

    from articles import stats
    from articles.models import Article
    from tests.factories import ArticleFactory

    settings.VIEW_COUNT_FLUSH_EVERY = 3
    article = ArticleFactory()

    def down(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE"):
            raise OperationalError("the database is gone")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(down):
        for _ in range(3):
            stats.record_view(article.pk)  # the third one flushes: refused, no error
    assert stats.pending_views(article.pk) == 3
    assert Article.objects.get(pk=article.pk).view_count == 0
    stats.record_view(article.pk)  # the database is back: all four arrive
    assert Article.objects.get(pk=article.pk).view_count == 4
