"""The minimal public pages: home and the article page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_articles_newest_first(client):
    older = ArticleFactory(title="Tin cũ hơn", published_at=timezone.now() - timedelta(days=1))
    newer = ArticleFactory(title="Tin mới nhất hôm nay")
    ArticleFactory(title="Bản nháp bí mật", status=Article.Status.DRAFT, published_at=None)
    html = client.get("/").content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert newer.get_absolute_url() in html
    assert "Bản nháp bí mật" not in html
    assert "Tin mới nhất" in html  # the block heading, in Vietnamese


def test_article_page_shows_the_anatomy(client, settings):
    settings.SOURCE_TAG = "(LĐTĐ)"
    author = AuthorFactory(name="Bảo Dương", byline="B.D")
    published = timezone.make_aware(timezone.datetime(2026, 11, 26, 10, 30))
    article = ArticleFactory(
        title="Công đoàn chăm lo Tết cho người lao động",
        sapo="Chiều 16/8, Liên đoàn Lao động thành phố tổ chức hội nghị.",
        section=SectionFactory(name="Công đoàn"),
        authors=[author],
        tags=["Công đoàn", "mạng xã hội"],
        published_at=published,
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thứ năm, 26/11/2026 - 10:30" in html
    assert "(LĐTĐ) Chiều 16/8" in html
    assert ">B.D</a>" in html
    assert 'href="/tag/cong-doan/"' in html
    assert 'href="/cong-doan/"' in html
    assert '<html lang="vi"' in html


def test_wrong_or_missing_slug_redirects_permanently(client):
    article = ArticleFactory(title="Giá vàng hôm nay")
    for url in (f"/sai-duong-dan-{article.pk}.html", f"/{article.pk}.html"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/gia-vang-hom-nay-{article.pk}.html"


@pytest.mark.parametrize(
    "url", ["/khong-co-999999.html", "/abc-12x.html", "/-.html", "/x-99999999999999999999.html"]
)
def test_unknown_or_malformed_article_urls_are_404(client, url):
    assert client.get(url).status_code == 404


def test_unpublished_articles_are_404(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    for article in (draft, scheduled):
        assert client.get(article.get_absolute_url()).status_code == 404


def test_section_page_includes_child_sections_and_rejects_bad_pages(client):
    parent = SectionFactory(name="Xã hội")
    child = SectionFactory(name="Bạn đọc", parent=parent)
    ArticleFactory(title="Thư bạn đọc gửi tòa soạn", section=child)
    response = client.get("/xa-hoi/")
    assert "Thư bạn đọc gửi tòa soạn" in response.content.decode()
    assert client.get("/xa-hoi/ban-doc/").status_code == 200
    assert client.get("/ban-doc/").status_code == 404
    for page in ("abc", "0", "99", "-1"):
        assert client.get(f"/xa-hoi/?page={page}").status_code == 404


def test_tag_and_author_pages(client):
    author = AuthorFactory(name="Ngọc Lan", byline="N.L")
    ArticleFactory(title="An toàn lao động mùa nắng nóng", authors=[author], tags=["An toàn"])
    assert "An toàn lao động" in client.get("/tag/an-toan/").content.decode()
    assert "An toàn lao động" in client.get(f"/tac-gia/{author.slug}/").content.decode()
    assert client.get("/tag/khong-ton-tai/").status_code == 404
