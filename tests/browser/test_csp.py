"""The Content-Security-Policy in Chromium: the admin's tools work under it (the image
picker's popup, tag suggestions, the preview, two-factor enrolment), and the watcher
that fails every browser test on a violation does see one (positive controls)."""

import base64
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article, Tag
from articles.roles import EDITORS
from tests.factories import (
    ArticleFactory,
    ImageFactory,
    SectionFactory,
    UserFactory,
    image_upload,
    role_group,
)

from .test_workflow import PASSWORD, login

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(live_server, page):
    editor = UserFactory(username="bientap", password=PASSWORD)
    editor.groups.add(role_group(EDITORS))
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, "bientap")
    page.editor = editor
    return page


def serve_media(page, media_root):
    """The live server serves no uploads (DEBUG is off): answer /media/ from disk (only
    /media/: the admin's own /admin/media/… URLs go to the server)."""

    def handle(route):
        path = Path(media_root) / unquote(urlparse(route.request.url).path[len("/media/") :])
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404)

    page.route(re.compile(r"^https?://[^/]+/media/"), handle)


def blocked(page, action):
    """The violations action caused (taken off the list, so the test may go on)."""
    violations = page.context.csp_violations
    before = len(violations)
    action()
    page.wait_for_timeout(300)
    caused = violations[before:]
    del violations[before:]
    return caused


def test_the_watcher_sees_an_inline_script_on_a_public_page(live_server, page):
    page.goto(live_server.url + "/")
    caused = blocked(
        page,
        lambda: page.evaluate(
            """() => { const s = document.createElement("script");
                s.textContent = "window.ran = true"; document.body.append(s); }"""
        ),
    )
    assert caused and "script-src" in caused[0]
    assert page.evaluate("() => window.ran === undefined")


def test_the_watcher_sees_an_inline_handler_and_a_foreign_image_in_the_admin(editor_page):
    page = editor_page
    page.goto(page.url)  # the admin index: no CKEditor, no 'unsafe-inline'
    caused = blocked(
        page,
        lambda: page.evaluate(
            """() => { const b = document.createElement("button");
                b.setAttribute("onclick", "window.ran = true"); document.body.append(b);
                b.click();
                const i = document.createElement("img");
                i.src = "https://evil.example/pixel.png"; document.body.append(i); }"""
        ),
    )
    assert any("script-src" in v for v in caused), caused
    assert any("img-src" in v and "evil.example" in v for v in caused), caused
    assert page.evaluate("() => window.ran === undefined")


def test_the_image_picker_popup_sets_the_cover(editor_page, live_server, media_root):
    page = editor_page
    serve_media(page, media_root)
    image = ImageFactory(title="Quang cảnh hội nghị", file=image_upload(size=(960, 540)))
    SectionFactory(name="Công đoàn")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    with page.expect_popup() as popup_info:
        page.click("#lookup_id_cover_image")
    popup = popup_info.value
    popup.wait_for_load_state()
    # Django's popup hands the choice to its opener and closes itself.
    with popup.expect_event("close"):
        popup.click(f"a[data-popup-opener='{image.pk}']")
    assert page.input_value("#id_cover_image") == str(image.pk)
    thumb = page.locator(".image-picker__thumb")
    thumb.wait_for(state="visible")
    assert "/media/" in thumb.get_attribute("src")


def test_tag_suggestions_come_from_existing_tags(editor_page, live_server):
    page = editor_page
    Tag.objects.create(name="Công đoàn")
    Tag.objects.create(name="Người lao động")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_tags", "Hà Nội, Cô")
    page.locator("#id_tags").dispatch_event("input")
    page.wait_for_function(
        "() => document.querySelectorAll('#id_tags-suggestions option').length > 0"
    )
    options = page.eval_on_selector_all(
        "#id_tags-suggestions option", "nodes => nodes.map(n => n.value)"
    )
    assert options == ["Hà Nội, Công đoàn"]


def test_preview_opens_the_public_templates(editor_page, live_server, output_dir):
    page = editor_page
    article = ArticleFactory(
        title="Bản nháp chờ xem trước",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=page.editor,
    )
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    for index, device in enumerate(("desktop", "mobile")):
        with page.expect_popup() as popup_info:
            page.locator(".preview-links a").nth(index).click()
        preview = popup_info.value
        preview.wait_for_load_state()
        assert preview.inner_text("h1") == "Bản nháp chờ xem trước"
        assert preview.locator("html").get_attribute("data-device") == device
        preview.screenshot(path=os.path.join(output_dir, f"csp-preview-{device}.png"))
        preview.close()


def test_two_factor_enrolment_then_login_with_a_code(editor_page, live_server, output_dir):
    page = editor_page
    page.goto(f"{live_server.url}/admin/two-factor/")
    assert page.locator(".two-factor__qr svg").is_visible()
    page.screenshot(path=os.path.join(output_dir, "two-factor-setup.png"), full_page=True)
    secret = page.inner_text(".two-factor__secret").replace(" ", "")
    key = base64.b32decode(secret)
    page.fill("#id_token", f"{totp(key):06d}")
    page.click(".two-factor input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    device = TOTPDevice.objects.get(user=page.editor)
    assert device.confirmed

    # The next login asks for the code, and refuses a wrong one.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", "000000" if totp(key) != 0 else "111111")
    page.click("input[type=submit]")
    assert re.search(r"mã xác thực", page.inner_text(".errornote").lower())
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code delays the next try
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", f"{totp(key):06d}")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "bientap" in page.inner_text("#user-tools").lower()
