"""Home, section, tag and author pages, error pages and what every page carries.

The article page is in tests/articles/test_views.py, search in tests/newsroom/test_search.py.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from articles import stats
from articles.models import Article
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story(hours_ago=1, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


def block(html, name):
    match = re.search(rf'<section[^>]*data-block="{name}".*?</section>', html, re.S)
    return match.group(0) if match else None


# --- Home ------------------------------------------------------------------------------


def test_home_lists_published_articles_newest_first(client):
    older = story(24, title="Tin cũ hơn")
    newer = story(2, title="Tin mới nhất hôm nay")
    newest = story(1, title="Tin mới nhất")
    ArticleFactory(title="Bản nháp bí mật", status=Article.Status.DRAFT, published_at=None)
    story(-1, title="Tin hẹn giờ")
    html = client.get("/").content.decode()
    assert newest.title in block(html, "lead")
    latest = block(html, "latest")
    assert latest.index(newer.title) < latest.index(older.title)
    assert newer.get_absolute_url() in html
    assert "Bản nháp bí mật" not in html and "Tin hẹn giờ" not in html
    assert "Tin mới nhất" in html  # the block heading, in Vietnamese


def test_home_has_lead_featured_latest_sections_and_most_read(client):
    first = SectionFactory(name="Công đoàn", position=1)
    second = SectionFactory(name="Pháp luật", position=2)
    SectionFactory(name="Không lên trang chủ", position=3, show_on_home=False)
    lead = story(1, title="Tin tiêu điểm mới nhất", is_featured=True, cover_image=ImageFactory())
    featured = [story(2 + n, is_featured=True, section=first) for n in range(4)]
    for n in range(12):
        story(10 + n, section=first if n % 2 else second)
    for n in range(6):
        story(30 + n, section=second)
    popular = story(200, section=SectionFactory(show_on_home=False), view_count=999)
    html = client.get("/").content.decode()
    assert lead.title in block(html, "lead")
    assert all(a.title in block(html, "featured") for a in featured)
    assert block(html, "latest")
    sections = re.findall(r'data-block="section" data-section="([^"]+)"', html)
    assert sections == ["cong-doan", "phap-luat"]
    assert popular.title in block(html, "mostread") and "Đọc nhiều" in html
    # No article repeated anywhere on the home page.
    urls = re.findall(r'href="(/[^"]+-\d+\.html)"', html)
    per_block = [
        set(re.findall(r'href="(/[^"]+-\d+\.html)"', b))
        for b in re.findall(r"<section[^>]*data-block=.*?</section>", html, re.S)
    ]
    shown = [u for urls_ in per_block for u in urls_]
    assert len(shown) == len(set(shown)) and set(urls) == set(shown)


def test_home_empty_site(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào được xuất bản." in response.content.decode()


# --- Section, tag and author pages ---------------------------------------------------


def test_section_page_includes_child_sections_and_rejects_bad_pages(client):
    parent = SectionFactory(name="Xã hội")
    child = SectionFactory(name="Bạn đọc", parent=parent)
    story(title="Thư bạn đọc gửi tòa soạn", section=child)
    response = client.get("/xa-hoi/")
    assert "Thư bạn đọc gửi tòa soạn" in response.content.decode()
    assert client.get("/xa-hoi/ban-doc/").status_code == 200
    assert client.get("/ban-doc/").status_code == 404
    assert client.get("/khac/ban-doc/").status_code == 404
    for page in ("abc", "0", "99", "-1", "1.5", "9" * 30):
        assert client.get(f"/xa-hoi/?page={page}").status_code == 404


def test_section_page_paginates_20_newest_first(client):
    section = SectionFactory(name="Kinh tế")
    made = [story(n + 1, section=section, title=f"Bài kinh tế số {n:02d}") for n in range(25)]
    page1 = client.get("/kinh-te/").content.decode()
    page2 = client.get("/kinh-te/?page=2").content.decode()
    # The newest opens page 1 as its lead (no featured article here); 20 more follow.
    assert page1.count('class="item"') == 20 and page2.count('class="item"') == 4
    assert 'data-block="section-lead"' in page1 and 'data-block="section-lead"' not in page2
    assert page1.index(made[0].title) < page1.index(made[1].title) < page1.index(made[20].title)
    assert made[21].title in page2 and made[20].title not in page2
    assert 'rel="next" href="/kinh-te/?page=2"' in page1
    assert 'rel="prev" href="/kinh-te/"' in page2  # page 1 is the section's own URL
    assert "<title>Kinh tế - Trang 2 |" in page2
    assert '<link rel="canonical" href="http://127.0.0.1:8000/kinh-te/?page=2">' in page2
    assert client.get("/kinh-te/?page=3").status_code == 404
    assert client.get("/kinh-te/?page=").status_code == 200  # empty means the first


def test_inactive_section_is_404(client):
    SectionFactory(name="Lưu trữ", is_active=False)
    assert client.get("/luu-tru/").status_code == 404


def test_tag_and_author_pages(client):
    author = AuthorFactory(name="Ngọc Lan", byline="N.L", bio="Phóng viên mảng lao động.")
    story(title="An toàn lao động mùa nắng nóng", authors=[author], tags=["An toàn"])
    story(title="Bản nháp về an toàn", status=Article.Status.WITHDRAWN, tags=["An toàn"])
    tag_html = client.get("/tag/an-toan/").content.decode()
    assert "An toàn lao động" in tag_html and "Bản nháp về an toàn" not in tag_html
    author_html = client.get(f"/tac-gia/{author.slug}/").content.decode()
    assert "An toàn lao động" in author_html and "Phóng viên mảng lao động." in author_html
    assert client.get("/tag/khong-ton-tai/").status_code == 404
    assert client.get("/tac-gia/khong-ton-tai/").status_code == 404
    assert client.get("/tag/an-toan/?page=2").status_code == 404


# --- What every page carries ---------------------------------------------------------


def public_urls():
    section = SectionFactory(name="Văn hóa")
    author = AuthorFactory(name="Minh Anh")
    article = story(
        title="Lễ hội mùa thu",
        section=section,
        authors=[author],
        tags=["Lễ hội"],
        cover_image=ImageFactory(),
    )
    return [
        "/",
        article.get_absolute_url(),
        "/van-hoa/",
        "/tag/le-hoi/",
        f"/tac-gia/{author.slug}/",
        "/tim-kiem/?q=le+hoi",
    ]


def test_every_page_has_title_description_canonical_and_social_tags(client):
    for url in public_urls():
        html = client.get(url).content.decode()
        assert re.search(r"<title>[^<]+</title>", html), url
        assert re.search(r'<meta name="description" content="[^"]+">', html), url
        assert re.search(r'<link rel="canonical" href="http://127\.0\.0\.1:8000/[^"]*">', html), url
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            assert f'<meta property="{prop}" content="' in html, (url, prop)
        assert '<meta name="twitter:card"' in html, url
        assert 'data-device="desktop"' in html, url


def test_pages_are_rendered_for_mobile_with_their_own_templates(client):
    phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36"
    for url in public_urls():
        response = client.get(url, headers={"user-agent": phone})
        html = response.content.decode()
        assert 'data-device="mobile"' in html, url
        assert 'class="m-head"' in html, url  # templates/base.mobile.html
        assert "Phiên bản máy tính" in html, url
        assert "User-Agent" in response["Vary"], url


def test_error_pages_in_the_site_design_and_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'class="masthead"' in html
    assert '<meta name="robots" content="noindex">' in html


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), *site_urlpatterns]


@pytest.mark.urls(__name__)
def test_500_page_renders_without_the_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã xảy ra lỗi" in html and "Về trang chủ" in html


def test_server_error_view_needs_no_request_context():
    from reader.views import server_error

    response = server_error(None)
    assert response.status_code == 500 and b"500" in response.content


# --- Queries -----------------------------------------------------------------------------


def populate(n):
    """A site with n sections on home, n authors and n tags per article, covers everywhere."""
    sections = [SectionFactory() for _ in range(max(n, 3))]
    authors = [AuthorFactory() for _ in range(n)]
    tags = [f"Chủ đề {i}" for i in range(n)]
    for i in range(30):
        story(
            i + 1,
            section=sections[i % len(sections)],
            authors=authors,
            tags=tags,
            is_featured=i % 5 == 0,
            cover_image=ImageFactory(),
        )
    return sections, authors, tags


def count_queries(client, url):
    cache.clear()  # cold: the menu and "most read" are read from the database too
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    ("page", "limit"),
    # Cold cache. List pages: +1 the site settings (legal footer), +3 the sidebar (its
    # candidates, its articles, their covers); the section's lead comes with the sidebar.
    [("home", 15), ("section", 11), ("tag", 10), ("author", 10), ("search", 9)],
)
def test_public_pages_run_few_queries_whatever_the_number_of_items(client, page, limit):
    counts = []
    for n in (1, 20):
        sections, authors, tags = populate(n)
        url = {
            "home": "/",
            "section": sections[0].get_absolute_url(),
            "tag": f"/tag/{Article.objects.filter(tags__name=tags[0]).first().tags.first().slug}/",
            "author": authors[0].get_absolute_url(),
            "search": "/tim-kiem/?q=doi+moi",
        }[page]
        counts.append(count_queries(client, url))
        Article.objects.all().delete()
    assert counts[0] <= limit and counts[1] <= limit, counts
    assert counts[0] == counts[1], counts


def test_views_do_not_write_to_the_database_per_request(client, settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 5
    article = story()
    for _ in range(4):
        with CaptureQueriesContext(connection) as captured:
            client.get(article.get_absolute_url())
        assert not [q for q in captured if q["sql"].startswith("UPDATE")]
    with CaptureQueriesContext(connection) as captured:
        client.get(article.get_absolute_url())
    assert len([q for q in captured if q["sql"].startswith("UPDATE")]) == 1
    article.refresh_from_db()
    assert article.view_count == 5 and stats.pending_views(article.pk) == 0


def test_mobile_pages_run_as_few_queries(client):
    sections, authors, tags = populate(20)
    article = Article.objects.published().first()
    client.get("/?view=mobile")  # the cookie: every next request gets the mobile templates
    limits = {
        "/": 15,
        article.get_absolute_url(): 16,  # cold: see test_article_page_query_count_is_bounded
        sections[0].get_absolute_url(): 11,
        authors[0].get_absolute_url(): 10,
        "/tim-kiem/?q=doi+moi": 9,
    }
    for url, limit in limits.items():
        assert count_queries(client, url) <= limit, url
        assert 'data-device="mobile"' in client.get(url).content.decode()


def test_the_real_404_page_has_no_canonical_and_a_description(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html and 'property="og:url"' not in html
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.strip()
    assert '<meta name="robots" content="noindex">' in html


def test_numbered_pages_stop_and_older_news_is_by_date(client):
    section = SectionFactory(name="Thời sự")
    made = [story(n + 1, section=section, title=f"Tin thời sự số {n:03d}") for n in range(230)]
    last = client.get("/thoi-su/?page=10").content.decode()
    assert "Trang 10" in last
    older = re.search(r'rel="next" href="(/thoi-su/\?truoc=\d+)"', last).group(1)
    assert client.get("/thoi-su/?page=11").status_code == 404
    page = client.get(older.replace("&amp;", "&")).content.decode()
    # made[0] leads page 1 and is not in the list: page 10 ends with made[200]
    assert made[201].title in page and made[200].title not in page and made[220].title in page
    newer = re.search(r'rel="prev" href="(/thoi-su/\?sau=\d+)"', page).group(1)
    back = client.get(newer).content.decode()
    assert made[200].title in back and made[181].title in back and made[201].title not in back
    assert client.get("/thoi-su/?truoc=999999999").status_code == 404
    assert client.get("/thoi-su/?truoc=abc").status_code == 404
