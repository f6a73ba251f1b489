"""The reader's daily in Chromium, on a desktop screen (1366 px) and an iPhone (390 px):
every public page (home, article, section pages 1 and 2, tag, author, search, 404)
keeps Vietnamese glyphs whole, passes axe-core without a serious or critical violation,
can be used by keyboard, and is saved as a screenshot (with the legal footer) under
test-results/ for a person to look at."""

import os
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from imprint.models import SiteSettings
from tests.browser.test_reader_site import COLOURS, serve_media
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    image_upload,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
IPHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
DEVICES = {"desktop": DESKTOP, "phone": IPHONE}

# Boxes whose text must keep its marks: the masthead, headings and menu items.
TEXT_BOXES = {
    "desktop": ".logo, h1, h2, h3, .menu a, .page-title, .block__title span, .footer__name",
    "phone": ".m-logo, h1, h2, h3, .m-menu__panel a, .page-title, .block__title span, "
    ".m-foot__name, .citem__title",
}
# For each box with text: its ink (from the font's own glyph metrics, stacked marks
# included), its line height and whether its content overflows the box.
MEASURE = """(selector) => {
  const ctx = document.createElement("canvas").getContext("2d");
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    const text = (el.innerText || "").trim();
    if (!text || !el.getClientRects().length || el.closest(".visually-hidden")) continue;
    const cs = getComputedStyle(el);
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const m = ctx.measureText(text.replace(/\\s+/g, " "));
    const size = parseFloat(cs.fontSize);
    found.push({
      text: text.slice(0, 50),
      tag: el.tagName + "." + el.className,
      ink: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent,
      lineHeight: cs.lineHeight === "normal" ? size * 1.2 : parseFloat(cs.lineHeight),
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
    });
  }
  return found;
}"""


@pytest.fixture
def daily(settings):
    """A small paper whose names carry every kind of stacked mark."""
    SiteSettings.objects.create(
        governing_body="Liên đoàn Lao động thành phố Hà Nội",
        licence_number="58/GP-BTTTT",
        licence_issuer="Bộ Thông tin và Truyền thông",
        licence_date=date(2021, 3, 15),
        editor_in_chief="Nguyễn Văn Minh",
        address="Số 51 Hàng Bồ, phường Hoàn Kiếm, Hà Nội",
        phone="024 3825 2441",
        email="toasoan@laodongthudo.example",
        reprint_notice="Không được sao chép khi chưa có sự đồng ý bằng văn bản.",
    )
    names = ["Công đoàn", "Xã hội", "Pháp luật", "Kinh tế", "Giáo dục", "Thể thao"]
    sections = [SectionFactory(name=name, position=n) for n, name in enumerate(names)]
    author = AuthorFactory(name="Đỗ Thuỷ Ngọc", byline="Đ.T.N", bio="Phóng viên công đoàn.")
    covers = [
        ImageFactory(file=image_upload(size=(1600, 900), color=c), credit="Hữu Việt")
        for c in COLOURS
    ]
    now = timezone.now()
    titles = [
        "Đổi mới hoạt động Công đoàn, chăm lo đời sống đoàn viên",
        "Hỗ trợ người lao động khó khăn dịp Tết Nguyên đán",
        "Kỷ niệm ngày thành lập Công đoàn Việt Nam",
        "Ký thỏa ước lao động tập thể ở khu công nghiệp Thạch Thất",
    ]
    articles = []
    for n in range(60):
        articles.append(
            ArticleFactory(
                title=f"{titles[n % len(titles)]} (số {n + 1})",
                sapo="Sáng 16/8, Liên đoàn Lao động thành phố tổ chức hội nghị tổng kết, "
                "biểu dương những tập thể, cá nhân tiêu biểu.",
                body="<p>Nội dung bài viết về hoạt động công đoàn của Thủ đô.</p>" * 6,
                section=sections[0] if n % 2 == 0 else sections[n % len(sections)],
                authors=[author],
                tags=["Công đoàn", "Người lao động"],
                is_featured=n % 5 == 0,
                cover_image=covers[n % len(covers)] if n % 7 else None,
                published_at=now - timedelta(hours=n + 1),
            )
        )
    return {"article": articles[0], "section": sections[0], "author": author}


def pages(daily):
    section = daily["section"].get_absolute_url()
    return {
        "home": "/",
        "article": daily["article"].get_absolute_url(),
        "section": section,
        "section-2": section + "?page=2",
        "tag": daily["article"].tags.get(name="Công đoàn").get_absolute_url(),
        "author": daily["author"].get_absolute_url(),
        "search": "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n",
        "404": "/trang-khong-co-that/",
    }


def settle(page):
    """Bring lazy images in before a full-page screenshot."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise(r => setTimeout(r, 20));
            }
            window.scrollTo(0, 0);
        }"""
    )


def clipped(page, device):
    problems = []
    for box in page.evaluate(MEASURE, TEXT_BOXES[device]):
        if box["clientHeight"] and box["scrollHeight"] > box["clientHeight"]:
            problems.append(("overflows its box", box))
        if box["lineHeight"] < box["ink"]:
            problems.append(("line shorter than its glyphs", box))
    return problems


def serious(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_every_page_reads_whole_passes_axe_and_is_photographed(
    new_context, live_server, daily, media_root, output_dir, screen
):
    device = screen
    # axe-core is injected by the test (its script is not the site's): the page's own
    # policy is left to the CSP tests.
    page = new_context(**DEVICES[device], bypass_csp=True).new_page()
    serve_media(page, media_root)
    for name, url in pages(daily).items():
        response = page.goto(live_server.url + url)
        assert response.status == (404 if name == "404" else 200), name
        expect(page.locator("html")).to_have_attribute(
            "data-device", "mobile" if device == "phone" else "desktop"
        )
        if device == "phone":
            page.locator(".m-menu summary").click()  # the menu's items are measured too
        problems = clipped(page, device)
        assert not problems, "\n".join(f"{name}: {why} {box}" for why, box in problems)
        if device == "phone":
            page.locator(".m-menu summary").click()
        violations = serious(page)
        assert not violations, "\n".join([name, *violations])
        assert page.evaluate("document.documentElement.scrollWidth") <= (
            390 if device == "phone" else 1366
        ), name
        footer = page.locator("footer")
        expect(footer).to_contain_text("Giấy phép hoạt động báo điện tử số 58/GP-BTTTT")
        expect(footer).to_contain_text("Tổng biên tập: Nguyễn Văn Minh")
        settle(page)
        page.screenshot(path=f"{output_dir}/daily-{device}-{name}.png", full_page=True)
        if name == "home":
            footer.screenshot(path=f"{output_dir}/daily-{device}-footer.png")


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_keyboard_skip_link_menu_and_visible_focus(new_context, live_server, daily, screen):
    device = screen
    page = new_context(**DEVICES[device]).new_page()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focus_ring(page), "the focused skip link shows no focus ring"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    if device == "phone":
        # The menu opens from the keyboard and its links take the focus in turn.
        toggle = page.locator(".m-menu summary")
        toggle.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".m-menu")).to_have_attribute("open", "")
        page.keyboard.press("Tab")
        first = page.locator(".m-menu__panel a").first
        expect(first).to_be_focused()
        assert focus_ring(page)
        page.keyboard.press("Tab")
        expect(page.locator(".m-menu__panel a").nth(1)).to_be_focused()
    else:
        page.locator(".menu a").first.focus()
        page.keyboard.press("Tab")
        expect(page.locator(".menu a").nth(1)).to_be_focused()
        assert focus_ring(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/cong-doan/")


def focus_ring(page):
    """Whether the focused element draws an outline or a ring."""
    return page.evaluate(
        """() => {
            const cs = getComputedStyle(document.activeElement);
            return (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2)
                || cs.boxShadow !== "none";
        }"""
    )
