"""Section pages open with a lead (the section's newest featured article, large, with its
sapo); home, section, tag and author pages carry "Nên xem" and "Đọc nhiều" in the
sidebar, of the page's section where it has one, never a blank column."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def story(hours_ago, **kwargs):
    return ArticleFactory(published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)


def block(html, name):
    found = re.search(
        rf'<(section|article)(?: class="[^"]*")? data-block="{name}".*?</\1>', html, re.S
    )
    return found.group(0) if found else None


def titles(html):
    return re.findall(r'<a href="/[^"]+\.html">([^<]+)</a>', html or "")


@pytest.fixture
def paper():
    union = SectionFactory(name="Công đoàn")
    child = SectionFactory(name="Chính sách", parent=union)
    sport = SectionFactory(name="Thể thao")
    author = AuthorFactory(name="Bảo Dương")
    newest_plain = story(1, section=union, title="Tin thường mới nhất", authors=[author])
    lead = story(
        3,
        section=child,
        is_featured=True,
        title="Tin tiêu điểm của chuyên mục",
        sapo="Sapo của bài dẫn đầu chuyên mục.",
        tags=["Lương"],
    )
    # Older than the first page of the list: the sidebar does not repeat what the page shows.
    older_featured = story(100, section=union, is_featured=True, title="Tiêu điểm cũ hơn")
    popular = story(90, section=union, title="Bài được đọc nhiều", view_count=900)
    for n in range(30):
        story(10 + n, section=union, title=f"Tin công đoàn số {n}", tags=["Lương"])
    for n in range(10):
        story(n + 0.5, section=sport, is_featured=True, title=f"Tin thể thao số {n}")
    return locals()


def test_section_page_opens_with_its_newest_featured_article(client, paper):
    html = client.get(paper["union"].get_absolute_url()).content.decode()
    lead = block(html, "section-lead")
    assert paper["lead"].title in lead and "Sapo của bài dẫn đầu chuyên mục." in lead
    assert "<img" in lead or "<picture" in lead or paper["lead"].cover_image is None
    listing = block(html, "list")
    assert paper["lead"].title not in listing  # not twice
    assert paper["newest_plain"].title in listing
    assert html.index('data-block="section-lead"') < html.index('data-block="list"')
    page2 = client.get(paper["union"].get_absolute_url() + "?page=2").content.decode()
    assert block(page2, "section-lead") is None


def test_section_sidebar_is_of_that_section(client, paper):
    html = client.get(paper["union"].get_absolute_url()).content.decode()
    mustread = titles(block(html, "side-mustread"))
    most_read = titles(block(html, "side-mostread"))
    assert mustread and most_read
    assert mustread[0] == paper["older_featured"].title  # the lead is already on the page
    assert most_read[0] == paper["popular"].title
    shown = mustread + most_read
    union_titles = set(
        Article.objects.filter(section__in=[paper["union"], paper["child"]]).values_list(
            "title", flat=True
        )
    )
    assert set(shown) <= union_titles and len(shown) == len(set(shown))
    page_titles = set(titles(block(html, "list")))
    assert not set(shown) & page_titles


@pytest.mark.parametrize("page", ["home", "tag", "author"])
def test_other_pages_have_a_full_sidebar(client, paper, page):
    url = {
        "home": "/",
        "tag": paper["lead"].tags.get().get_absolute_url(),
        "author": paper["author"].get_absolute_url(),
    }[page]
    html = client.get(url).content.decode()
    side = html[html.index('<aside class="layout__side">') :]
    assert titles(block(side, "side-mustread")), page
    if page != "home":  # the home page's own "Đọc nhiều" sits beside it
        assert titles(block(side, "side-mostread")), page


def test_a_section_without_featured_articles_still_fills_the_sidebar(client):
    quiet = SectionFactory(name="Bạn đọc")
    for n in range(40):
        story(n + 1, section=quiet, title=f"Thư bạn đọc số {n}")
    html = client.get(quiet.get_absolute_url()).content.decode()
    assert "Thư bạn đọc số 0" in block(html, "section-lead")  # no featured: the newest
    assert len(titles(block(html, "side-mustread"))) == 5
    assert len(titles(block(html, "side-mostread"))) == 5
