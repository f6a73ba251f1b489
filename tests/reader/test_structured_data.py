"""Sharing and structured data: the paper's share picture for articles without a cover,
the publisher's logo in NewsArticle, BreadcrumbList on article and section pages."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from PIL import Image as PILImage

from tests.factories import ArticleFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {data["@type"]: data for data in map(json.loads, blocks)}


def meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)"', html)
    return found.group(1) if found else None


@pytest.fixture
def section():
    parent = SectionFactory(name="Xã hội", slug="xa-hoi")
    return SectionFactory(name="Bạn đọc", slug="ban-doc", parent=parent)


@pytest.mark.parametrize("agent", ["desktop", IPHONE])
def test_article_without_cover_shares_the_papers_picture(client, section, agent):
    article = ArticleFactory(section=section, cover_image=None)
    headers = {} if agent == "desktop" else {"HTTP_USER_AGENT": agent}
    html = client.get(article.get_absolute_url(), **headers).content.decode()
    image = meta(html, "og:image")
    assert image == "http://127.0.0.1:8000/static/img/og-default.png"
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert json_ld(html)["NewsArticle"]["image"] == [image]
    # The file is there and has the size the tags announce.
    with PILImage.open(finders.find("img/og-default.png")) as img:
        assert img.size == (1200, 630)


def test_article_with_a_cover_shares_its_cover(client, section):
    article = ArticleFactory(section=section, cover_image=ImageFactory())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "og-default" not in meta(html, "og:image")


@pytest.mark.parametrize("agent", ["desktop", IPHONE])
def test_news_article_names_the_publisher_with_its_logo(client, section, agent):
    article = ArticleFactory(section=section)
    headers = {} if agent == "desktop" else {"HTTP_USER_AGENT": agent}
    html = client.get(article.get_absolute_url(), **headers).content.decode()
    publisher = json_ld(html)["NewsArticle"]["publisher"]
    assert publisher["name"] == "Báo Lao Động Thủ Đô"
    logo = publisher["logo"]
    assert logo["@type"] == "ImageObject"
    assert logo["url"] == "http://127.0.0.1:8000/static/img/publisher-logo.png"
    with PILImage.open(finders.find("img/publisher-logo.png")) as img:
        assert img.size == (logo["width"], logo["height"])
        assert img.width <= 600 and img.height <= 60  # Google's limits


@pytest.mark.parametrize("agent", ["desktop", IPHONE])
def test_breadcrumbs_on_article_and_section_pages(client, section, agent):
    article = ArticleFactory(section=section, title="Thư cảm ơn bác sĩ")
    headers = {} if agent == "desktop" else {"HTTP_USER_AGENT": agent}
    site = "http://127.0.0.1:8000"
    page = client.get(article.get_absolute_url(), **headers).content.decode()
    trail = json_ld(page)["BreadcrumbList"]["itemListElement"]
    assert [(s["position"], s["name"], s["item"]) for s in trail] == [
        (1, "Trang chủ", f"{site}/"),
        (2, "Xã hội", f"{site}/xa-hoi/"),
        (3, "Bạn đọc", f"{site}/xa-hoi/ban-doc/"),
        (4, "Thư cảm ơn bác sĩ", f"{site}{article.get_absolute_url()}"),
    ]
    listing = client.get(section.get_absolute_url(), **headers).content.decode()
    trail = json_ld(listing)["BreadcrumbList"]["itemListElement"]
    assert [s["name"] for s in trail] == ["Trang chủ", "Xã hội", "Bạn đọc"]


def test_a_title_cannot_break_out_of_the_breadcrumb_script(client, section):
    article = ArticleFactory(section=section, title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    names = [s["name"] for s in json_ld(html)["BreadcrumbList"]["itemListElement"]]
    assert names[-1] == "</script><script>alert(1)</script>"
