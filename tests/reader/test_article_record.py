"""The article's record (reader.views.article_record): an uncached request for a story
reads no article row once the record is kept, and every write that changes what the
record holds shows at once, through the purges of the page cache."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(
        section=SectionFactory(name="Công đoàn"),
        title="Công nhân được khám sức khỏe miễn phí",
        published_at=timezone.now() - timedelta(hours=1),
        tags=["Sức khỏe"],
        authors=[AuthorFactory(name="Nguyễn Thị Lan")],
    )


@pytest.fixture
def uncached(client):
    """A client the page cache never serves (a session cookie)."""
    client.cookies["sessionid"] = "ban-doc-co-phien"
    return client


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200, response.status_code
    assert response["X-Page-Cache"] == "BYPASS"
    return response.content.decode()


def article_row_reads(client, article):
    with CaptureQueriesContext(connection) as queries:
        page(client, article)
    table = Article._meta.db_table
    return [
        q["sql"]
        for q in queries.captured_queries
        if f'FROM "{table}"' in q["sql"] and "authors_author" not in q["sql"]
    ]


def test_an_uncached_story_reads_no_article_row_once_kept(uncached, story):
    first = article_row_reads(uncached, story)
    assert any(str(story.pk) in sql for sql in first)
    assert article_row_reads(uncached, story) == []


def test_an_edit_shows_at_once(uncached, story, django_capture_on_commit_callbacks):
    assert "khám sức khỏe miễn phí" in page(uncached, story)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Hàng nghìn công nhân được khám sức khỏe"
        story.save()
    assert "Hàng nghìn công nhân được khám sức khỏe" in page(uncached, story)


def test_renamed_section_author_and_tag_show_at_once(
    uncached, story, django_capture_on_commit_callbacks
):
    page(uncached, story)
    author = story.ordered_authors[0]
    tag = story.tags.get()
    with django_capture_on_commit_callbacks(execute=True):
        story.section.name = "Công đoàn Thủ đô"
        story.section.save()
    assert "Công đoàn Thủ đô" in page(uncached, story)
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Nguyễn Thị Lan Anh"
        author.save()
    assert "Nguyễn Thị Lan Anh" in page(uncached, story)
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "Sức khỏe người lao động"
        tag.save()
    assert "Sức khỏe người lao động" in page(uncached, story)


def test_a_withdrawn_story_is_gone_at_once(uncached, story, django_capture_on_commit_callbacks):
    page(uncached, story)
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.WITHDRAWN
        story.save()
    assert uncached.get(story.get_absolute_url()).status_code == 410


def test_a_scheduled_story_appears_at_its_time_without_a_write(uncached, story):
    Article.objects.filter(pk=story.pk).update(published_at=timezone.now() + timedelta(hours=1))
    assert uncached.get(story.get_absolute_url()).status_code == 404
    # Its time comes: nothing is written, nothing purged.
    Article.objects.filter(pk=story.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert "khám sức khỏe miễn phí" in page(uncached, story)
