"""The article page: anatomy, blocks, URLs and status codes, SEO data, preview, queries."""

import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import stats
from articles.models import Article, RelatedArticle
from reader.views import render_article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story(hours_ago=1, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


def block(html, name):
    """The HTML of <section data-block="name">, or None."""
    match = re.search(rf'<section[^>]*data-block="{name}".*?</section>', html, re.S)
    return match.group(0) if match else None


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


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
        cover_image=ImageFactory(credit="Hữu Việt", caption="Quang cảnh hội nghị"),
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thứ năm, 26/11/2026 - 10:30" in html
    assert "(LĐTĐ) Chiều 16/8" in html
    assert ">B.D</a>" in html
    assert 'href="/tag/cong-doan/"' in html
    assert 'href="/cong-doan/"' in html  # breadcrumb
    assert '<html lang="vi" data-device="desktop"' in html
    assert "Quang cảnh hội nghị" in html and "Hữu Việt" in html  # caption and credit
    assert "Cập nhật" not in html
    assert "Phiên bản di động" in html


def test_revised_article_shows_its_update_time(client):
    revised = timezone.make_aware(timezone.datetime(2026, 11, 27, 8, 5))
    article = story(revised_at=revised)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Cập nhật: " in html
    assert "Thứ sáu, 27/11/2026 - 08:05" in html


def test_article_page_has_the_three_blocks_and_related_links(client):
    section = SectionFactory(name="Xã hội")
    article = story(10, section=section, tags=["Lương"])
    pick = story(100, section=SectionFactory())
    RelatedArticle.objects.create(from_article=article, to_article=pick, position=0)
    for n in range(12):
        story(11 + n, section=section, tags=["Lương"] if n % 2 else [])
    for n in range(6):
        story(30 + n, section=SectionFactory(), is_featured=True)
    html = client.get(article.get_absolute_url()).content.decode()
    related_box = re.search(r'<aside class="related-links".*?</aside>', html, re.S).group(0)
    assert related_box.index(pick.title) < related_box.index("</li>")  # the pick is first
    headings = {
        "interest": "Có thể bạn quan tâm",
        "mustread": "Nên xem",
        "other": "Tin khác",
    }
    for name, heading in headings.items():
        assert heading in block(html, name)
    assert 'href="/xa-hoi/"' in block(html, "other") and "Xem thêm" in block(html, "other")
    # No article twice on the page (a card links its image and its title: count articles
    # per place), and never the page's own article.
    places = [related_box] + [block(html, n) or "" for n in ("interest", "mustread", "other")]
    places.append(block(html, "mostread") or "")
    per_place = [set(re.findall(r'href="(/[^"]+-\d+\.html)"', place)) for place in places]
    shown = [url for urls in per_place for url in urls]
    assert len(shown) == len(set(shown)) > 10
    assert article.get_absolute_url() not in shown


def test_blocks_leave_out_unpublished_articles(client):
    section = SectionFactory()
    article = story(10, section=section, tags=["Lương"])
    draft = ArticleFactory(
        title="Bản nháp chưa duyệt",
        section=section,
        tags=["Lương"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    scheduled = story(-3, title="Tin hẹn giờ đăng", section=section, is_featured=True)
    withdrawn = story(20, title="Tin đã gỡ", section=section, status=Article.Status.WITHDRAWN)
    RelatedArticle.objects.create(from_article=article, to_article=draft, position=0)
    html = client.get(article.get_absolute_url()).content.decode()
    for hidden in (draft, scheduled, withdrawn):
        assert hidden.title not in html


def test_wrong_or_missing_slug_redirects_permanently(client):
    article = story(title="Giá vàng hôm nay")
    for url in (f"/sai-duong-dan-{article.pk}.html", f"/{article.pk}.html"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/gia-vang-hom-nay-{article.pk}.html"
    response = client.get(f"/sai-{article.pk}.html?view=mobile")
    assert response["Location"] == f"/gia-vang-hom-nay-{article.pk}.html?view=mobile"


@pytest.mark.parametrize(
    "url", ["/khong-co-999999.html", "/abc-12x.html", "/-.html", "/x-99999999999999999999.html"]
)
def test_unknown_or_malformed_article_urls_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unpublished_and_scheduled_articles_are_404(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    scheduled = story(-2)
    for article in (draft, pending, scheduled):
        assert client.get(article.get_absolute_url()).status_code == 404
        # Even with a wrong slug: no redirect that would reveal the real one.
        assert client.get(f"/sai-{article.pk}.html").status_code == 404


def test_withdrawn_article_is_410_gone_in_the_site_design(client):
    article = story(status=Article.Status.WITHDRAWN, title="Bài đã bị gỡ xuống")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "Bài viết đã bị gỡ" in html
    assert "Bài đã bị gỡ xuống" not in html
    assert 'class="masthead"' in html
    assert client.get(f"/khac-{article.pk}.html").status_code == 410


def test_json_ld_news_article_parses_and_is_complete(client):
    authors = [AuthorFactory(name="Bảo Dương"), AuthorFactory(name="Ngọc Lan")]
    published = timezone.make_aware(timezone.datetime(2026, 11, 26, 10, 30))
    article = ArticleFactory(
        title='Tiêu đề có </script><script>alert("x")</script> bên trong',
        section=SectionFactory(name="Pháp luật"),
        authors=authors,
        published_at=published,
        revised_at=published + timedelta(hours=2),
        cover_image=ImageFactory(),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Tiêu đề có </script>")
    assert [a["name"] for a in data["author"]] == ["Bảo Dương", "Ngọc Lan"]
    assert data["datePublished"] == "2026-11-26T10:30:00+07:00"
    assert data["dateModified"] == "2026-11-26T12:30:00+07:00"
    assert data["articleSection"] == "Pháp luật"
    assert data["image"][0].startswith("http")
    assert data["mainEntityOfPage"]["@id"].endswith(article.get_absolute_url())


def test_article_seo_tags(client, settings):
    settings.SITE_URL = "https://laodongthudo.example"
    article = story(
        title="Hà Nội tăng lương tối thiểu",
        sapo="Mức lương tối thiểu vùng tăng từ tháng 7.",
        cover_image=ImageFactory(),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"https://laodongthudo.example{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert (
        '<meta name="description" content="(LĐTĐ) Mức lương tối thiểu vùng tăng từ tháng 7.">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Hà Nội tăng lương tối thiểu">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert og_image.startswith("https://laodongthudo.example/media/")
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "<title>Hà Nội tăng lương tối thiểu | " in html
    assert 'name="robots"' not in html


def test_views_are_counted_in_the_cache_not_the_database(client, django_assert_num_queries):
    article = story()
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    assert stats.pending_views(article.pk) == 2
    article.refresh_from_db()
    assert article.view_count == 0
    client.get(article.get_absolute_url(), headers={"user-agent": "Googlebot/2.1"})
    assert stats.pending_views(article.pk) == 2


# --- Staff preview ---------------------------------------------------------------------


def test_render_article_preview_shows_a_banner_and_is_not_indexed_or_counted(rf_request):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, title="Bản nháp A")
    story(section=article.section)
    response = render_article(rf_request(), article, preview=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bản xem trước" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "Bản nháp A" in html
    assert stats.pending_views(article.pk) == 0


def test_render_article_preview_on_mobile(rf_request):
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    html = render_article(rf_request(device="mobile"), article, preview=True).content.decode()
    assert 'data-device="mobile"' in html and "Bản xem trước" in html


@pytest.fixture
def rf_request():
    def make(device="desktop"):
        request = RequestFactory().get("/xem-truoc/")
        request.device = device
        return request

    return make


# --- Queries ---------------------------------------------------------------------------


def busy_article(n):
    """An article with n authors, n tags and n editor's picks, among plenty of news."""
    section = SectionFactory()
    tags = [f"Chủ đề {i}" for i in range(n)]
    article = story(
        10,
        section=section,
        authors=[AuthorFactory() for _ in range(n)],
        tags=tags,
        cover_image=ImageFactory(),
    )
    for i in range(n):
        pick = story(50 + i, section=SectionFactory(), cover_image=ImageFactory())
        RelatedArticle.objects.create(from_article=article, to_article=pick, position=i)
    for i in range(25):
        story(11 + i, section=section, tags=tags[:1], is_featured=i % 4 == 0)
    return article


@pytest.mark.parametrize("n", [1, 20])
def test_article_page_query_count_is_bounded(client, n, django_assert_max_num_queries):
    article = busy_article(n)
    # Cold (nothing cached): the related-news candidates are four small index reads
    # (picks, each tag's newest, the section's newest, their times), not one query
    # scanning the archive; a warm page reads its block ids from the cache.
    with django_assert_max_num_queries(15):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_article_page_same_query_count_with_1_or_20_tags_authors_picks(client):
    counts = []
    for n in (1, 20):
        article = busy_article(n)
        cache.clear()  # both requests start cold: menu and "most read" not cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
