"""RSS feeds, sitemaps (with Google News) and robots.txt: valid XML with the right content."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def story(hours_ago=1, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content), response


def test_home_feed_lists_published_articles_newest_first(client, settings):
    settings.SITE_URL = "https://example.vn"
    settings.SOURCE_TAG = "(LĐTĐ)"
    author = AuthorFactory(name="Bảo Dương", byline="B.D")
    older = story(5, title="Tin cũ & <cũ>", authors=[author])
    newer = story(1, title="Tin mới")
    ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    story(-2, title="Hẹn giờ")
    root, response = xml(client, "/rss/home.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = root.find("channel")
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Tin mới", "Tin cũ & <cũ>"]
    assert items[0].findtext("link") == f"https://example.vn{newer.get_absolute_url()}"
    assert items[1].findtext("description").startswith("(LĐTĐ) ")
    assert items[1].findtext("category") == older.section.name
    assert "B.D" in ET.tostring(items[1], encoding="unicode")
    assert items[0].findtext("pubDate")


def test_section_feed_includes_child_sections(client):
    parent = SectionFactory(name="Xã hội")
    child = SectionFactory(name="Bạn đọc", parent=parent)
    story(title="Thư bạn đọc", section=child)
    story(title="Tin nơi khác", section=SectionFactory())
    root, _ = xml(client, "/rss/xa-hoi.rss")
    assert [i.findtext("title") for i in root.iter("item")] == ["Thư bạn đọc"]
    root, _ = xml(client, "/rss/ban-doc.rss")
    assert [i.findtext("title") for i in root.iter("item")] == ["Thư bạn đọc"]
    assert client.get("/rss/khong-co.rss").status_code == 404


def test_sitemap_index_lists_sections_and_articles(client, settings):
    settings.SITE_URL = "https://example.vn"
    parent = SectionFactory(name="Xã hội")
    SectionFactory(name="Bạn đọc", parent=parent)
    SectionFactory(name="Ẩn", is_active=False)
    article = story(title="Tin một", revised_at=timezone.now())
    ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    root, _ = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert any(u.endswith("/sitemap-sections.xml") for u in locations)
    assert any(u.endswith("/sitemap-articles.xml") for u in locations)
    sections, _ = xml(client, "/sitemap-sections.xml")
    urls = {loc.text for loc in sections.iter(f"{SITEMAP}loc")}
    assert "https://example.vn/xa-hoi/" in urls and "https://example.vn/xa-hoi/ban-doc/" in urls
    assert all("an" not in u.rsplit("/", 2)[-2] for u in urls if u.endswith("/an/"))
    articles, _ = xml(client, "/sitemap-articles.xml")
    urls = [loc.text for loc in articles.iter(f"{SITEMAP}loc")]
    assert urls == [f"https://example.vn{article.get_absolute_url()}"]
    assert articles.find(f"{SITEMAP}url/{SITEMAP}lastmod").text


def test_news_sitemap_has_the_last_48_hours_in_google_news_format(client, settings):
    settings.SITE_NAME = "Báo Lao Động Thủ Đô"
    published = timezone.now() - timedelta(hours=3)
    recent = ArticleFactory(title="Tin nóng & mới", published_at=published)
    story(60, title="Tin hôm kia")
    story(-1, title="Tin hẹn giờ")
    root, response = xml(client, "/sitemap-news.xml")
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == 1
    news = urls[0].find(f"{NEWS}news")
    assert urls[0].findtext(f"{SITEMAP}loc").endswith(recent.get_absolute_url())
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Báo Lao Động Thủ Đô"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == "Tin nóng & mới"
    assert news.findtext(f"{NEWS}publication_date").endswith("+07:00")
    assert timezone.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date")) == (
        published.replace(microsecond=0)
    )


def test_robots_txt_points_to_the_sitemaps(client, settings):
    settings.SITE_URL = "https://example.vn"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Sitemap: https://example.vn/sitemap.xml" in text
    assert "Sitemap: https://example.vn/sitemap-news.xml" in text
    assert "Disallow: /tim-kiem/" in text
    assert settings.ADMIN_URL not in text  # a moved admin stays unadvertised


@pytest.mark.parametrize("url", ["/rss/home.rss", "/rss/xa-hoi.rss", "/sitemap-articles.xml"])
def test_feeds_and_sitemaps_run_few_queries(client, url, django_assert_max_num_queries):
    section = SectionFactory(name="Xã hội")
    authors = [AuthorFactory() for _ in range(20)]
    for n in range(30):
        story(n + 1, section=section, authors=authors)
    # Four, and one the page cache makes at most once a minute: when the next scheduled
    # article appears (no cached copy may outlive it).
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


# --- hostile stored text -------------------------------------------------------------------
def feed_items(client, url):
    root, _ = xml(client, url)
    return root.findall("channel/item")


@pytest.mark.parametrize(
    "sapo",
    [
        "<script>alert(1)</script>Chiều 16/8",
        '<img src=x onerror="alert(1)">Chiều 16/8',
        '<a href="javascript:alert(1)">bấm</a>',
    ],
)
def test_feed_description_is_the_sapo_as_text_not_markup(client, sapo):
    """Feed readers render <description> as HTML: the plain-text sapo must arrive escaped."""
    section = SectionFactory(name="Xã hội")
    story(sapo=sapo, section=section)
    for url in ("/rss/home.rss", "/rss/xa-hoi.rss"):
        description = feed_items(client, url)[0].findtext("description")
        # What a feed reader gets once it has parsed the XML: HTML, which it renders.
        assert "<" not in description and ">" not in description, description
        assert "&lt;" in description


CONTROLS = ["\x0b", "\x0c", "\x01", "\x1f", "\x7f", "\x85", "\ufffe", "\uffff", "\U0001ffff"]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_feeds_and_sitemaps_survive_controls_already_stored(client, char):
    """Rows written before text was cleaned on save, or by SQL, still make valid XML."""
    section = SectionFactory(name="Xã hội")
    author = AuthorFactory(name="Bảo Dương", byline="B.D")
    article = story(section=section, authors=[author])
    # update() writes without save(): the row keeps the control character.
    Article.objects.filter(pk=article.pk).update(
        title=f"Công đoàn{char}Thủ đô", sapo=f"Chiều 16/8{char}hội nghị"
    )
    type(author).objects.filter(pk=author.pk).update(byline=f"B{char}D")
    type(section).objects.filter(pk=section.pk).update(name=f"Xã{char}hội")
    assert char in Article.objects.get(pk=article.pk).title
    for url in ("/rss/home.rss", "/rss/xa-hoi.rss"):
        (item,) = feed_items(client, url)
        assert item.findtext("title") in {"Công đoàn Thủ đô", "Công đoànThủ đô"}
        assert char not in ET.tostring(item, encoding="unicode")
    root, _ = xml(client, "/sitemap-news.xml")
    title = root.find(f"{SITEMAP}url/{NEWS}news/{NEWS}title").text
    assert title in {"Công đoàn Thủ đô", "Công đoànThủ đô"}
    xml(client, "/sitemap-articles.xml")
