"""Staff preview of unpublished articles in the public template."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reporter):
    return ArticleFactory(
        title="Bài nháp chưa đăng",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=reporter,
    )


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def test_anonymous_and_non_staff_get_404(client, draft, outsider):
    assert client.get(preview_url(draft)).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(preview_url(draft)).status_code == 404


def test_reporter_previews_own_draft_not_others(client, reporter, draft):
    other = UserFactory(username="reporter2")
    theirs = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=other)
    client.force_login(reporter)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài nháp chưa đăng" in html
    assert 'content="noindex' in html
    assert client.get(preview_url(theirs)).status_code == 404


def test_editor_previews_desktop_and_mobile(client, editor, draft):
    client.force_login(editor)
    desktop = client.get(preview_url(draft), {"view": "desktop"}).content.decode()
    mobile = client.get(preview_url(draft), {"view": "mobile"}).content.decode()
    assert 'data-device="desktop"' in desktop
    assert 'data-device="mobile"' in mobile
    assert draft.title in mobile


def test_preview_links_on_the_form(client, editor, draft):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert preview_url(draft) in html
    assert "Xem trước (di động)" in html


def test_preview_does_not_count_views(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(editor)
    for _ in range(3):
        client.get(preview_url(article))
    from articles import stats

    assert stats.pending_views(article.pk) == 0
    client.logout()
    client.get(article.get_absolute_url())  # a reader's visit does count
    assert stats.pending_views(article.pk) == 1
