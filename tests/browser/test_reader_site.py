"""The reader site in Chromium: home, an article, a section and a search page, on a
desktop screen and on a phone (its user agent gets the mobile templates). Screenshots
go to test-results/."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import RelatedArticle
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    image_upload,
)

# Playwright's sync API runs an event loop; the ORM calls in these tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36"
    ),
    "is_mobile": True,
    "has_touch": True,
}
COLOURS = [(181, 18, 27), (22, 96, 136), (34, 139, 84), (200, 140, 20), (90, 60, 140)]


@pytest.fixture
def site():
    """A small paper: three sections (one with a child), covers, tags, featured, picks."""
    sections = [
        SectionFactory(name="Công đoàn", position=1),
        SectionFactory(name="Xã hội", position=2),
        SectionFactory(name="Pháp luật", position=3),
    ]
    child = SectionFactory(name="Bạn đọc", parent=sections[1], position=1)
    author = AuthorFactory(name="Bảo Dương", byline="B.D")
    covers = [
        ImageFactory(file=image_upload(size=(960, 540), color=c), credit="Hữu Việt")
        for c in COLOURS
    ]
    now = timezone.now()
    articles = []
    for n in range(40):
        articles.append(
            ArticleFactory(
                title=f"Công đoàn chăm lo đời sống người lao động, bài số {n + 1}"
                if n % 3 == 0
                else f"Tin tức thời sự trong ngày số {n + 1}",
                sapo="Chiều 16/8, Liên đoàn Lao động thành phố tổ chức hội nghị tổng kết.",
                body="<p>Nội dung bài viết về hoạt động công đoàn.</p>" * 4,
                section=child if n % 7 == 6 else sections[n % 3],
                authors=[author],
                tags=["Công đoàn", "Người lao động"] if n % 2 else ["Hà Nội"],
                is_featured=n % 4 == 0,
                cover_image=covers[n % len(covers)],
                published_at=now - timedelta(hours=n + 1),
            )
        )
    RelatedArticle.objects.create(from_article=articles[0], to_article=articles[5], position=0)
    return {"article": articles[0], "section": sections[1]}


def serve_media(page, media_root):
    """The live server serves no uploads (DEBUG is off): answer /media/ from disk."""

    def handle(route):
        path = Path(media_root) / unquote(urlparse(route.request.url).path[len("/media/") :])
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    page.route("**/media/**", handle)


def visit(page, url, blocks, shot):
    page.goto(url)
    for name in blocks:
        expect(page.locator(f'[data-block="{name}"]').first).to_be_visible()
    # Bring lazy images in before the full-page screenshot.
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise(r => setTimeout(r, 20));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.screenshot(path=shot, full_page=True)


def test_reader_site_on_desktop_and_phone(
    page, new_context, live_server, site, media_root, output_dir
):
    article, section = site["article"], site["section"]
    pages = {
        "home": ("/", {"desktop": ["lead", "latest", "section", "mostread"]}),
        "article": (
            article.get_absolute_url(),
            {"desktop": ["interest", "mustread", "other", "mostread"]},
        ),
        "section": (section.get_absolute_url(), {"desktop": ["list"]}),
        "search": ("/tim-kiem/?q=cong+doan", {"desktop": ["results"]}),
    }
    phone_blocks = {
        "home": ["lead", "latest", "section", "mostread"],
        "article": ["mustread", "interest", "other"],
        "section": ["list"],
        "search": ["results"],
    }

    page.set_viewport_size({"width": 1280, "height": 900})
    serve_media(page, media_root)
    for name, (url, blocks) in pages.items():
        visit(
            page,
            live_server.url + url,
            blocks["desktop"],
            f"{output_dir}/reader-desktop-{name}.png",
        )
        expect(page.locator("html")).to_have_attribute("data-device", "desktop")
        if name == "article":
            expect(page.locator(".related-links")).to_be_visible()  # "Tin liên quan"
            expect(page.locator(".article__cover img")).to_be_visible()

    phone = new_context(**PHONE).new_page()
    serve_media(phone, media_root)
    for name, (url, _blocks) in pages.items():
        visit(
            phone,
            live_server.url + url,
            phone_blocks[name],
            f"{output_dir}/reader-phone-{name}.png",
        )
        expect(phone.locator("html")).to_have_attribute("data-device", "mobile")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, name

    # The footer link switches the phone to the desktop site, and the choice sticks.
    phone.get_by_role("link", name="Phiên bản máy tính").click()
    expect(phone.locator("html")).to_have_attribute("data-device", "desktop")
    phone.goto(live_server.url + "/")
    expect(phone.locator("html")).to_have_attribute("data-device", "desktop")
    phone.context.close()
