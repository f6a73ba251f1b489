"""CKEditor as reporters use it: images into the body through the editor's own uploader
(paste and the image dialog), and pasting from Word and Google Docs."""

import base64
import os
import re

import pytest

from articles.models import Article
from articles.roles import REPORTERS
from authors.models import Author
from media.models import Image
from tests.factories import SectionFactory, UserFactory, image_bytes, role_group

from .test_workflow import PASSWORD, login

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = os.path.join(os.path.dirname(__file__), "clipboard")


@pytest.fixture
def reporter_page(live_server, page, db):
    reporter = UserFactory(username="phongvien", password=PASSWORD)
    reporter.groups.add(role_group(REPORTERS))
    Author.objects.create(name="Bảo Dương", byline="B.D", user=reporter)
    SectionFactory(name="Công đoàn")
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    # Predicates are functions, not expressions: Playwright polls an expression through
    # eval(), which the admin's Content-Security-Policy refuses.
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body "
        "&& CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.console_messages = messages
    return page


def fill_required(page):
    page.fill("#id_title", "Công nhân khu công nghiệp nhận quà Tết")
    page.fill("#id_sapo", "Sáng 20/1, công đoàn các khu công nghiệp trao quà cho công nhân.")
    page.click("#id_section + .select2 .select2-selection")
    page.fill(".select2-search__field", "Công")
    page.click(".select2-results__option >> text=Công đoàn")


def editor_html(page):
    return page.evaluate("CKEDITOR.instances.id_body.getData()")


def wait_for_uploaded_image(page):
    """Until the editor's body holds an <img> whose src is a stored rendition."""
    page.wait_for_function(
        "() => { const d = CKEDITOR.instances.id_body.getData();"
        ' return /<img[^>]+src="\\/media\\/renditions\\//.test(d); }',
        timeout=15000,
    )


def paste(page, *, html=None, png=None):
    """A real paste event in the editing area, carrying what a clipboard would."""
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.evaluate(
        """([html, png]) => {
            const editable = CKEDITOR.instances.id_body.editable().$;
            const data = new DataTransfer();
            if (html !== null) { data.setData('text/html', html); }
            if (png !== null) {
                const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
                data.items.add(new File([bytes], 'anh-dan.png', {type: 'image/png'}));
            }
            const event = new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true
            });
            editable.dispatchEvent(event);
        }""",
        [html, png],
    )


def save_draft(page):
    page.click("input[name=_wf_save]")
    page.wait_for_selector(".messagelist .success")


def test_pasted_image_is_uploaded_into_the_library_and_the_body(reporter_page, output_dir):
    page = reporter_page
    fill_required(page)
    png = base64.b64encode(image_bytes(size=(1200, 675), fmt="PNG")).decode()
    paste(page, png=png)
    wait_for_uploaded_image(page)
    notices = (
        page.inner_text(".cke_notifications_area")
        if page.locator(".cke_notifications_area").count()
        else ""
    )
    assert "File successfully uploaded" not in notices
    page.screenshot(path=os.path.join(output_dir, "editor-pasted-image.png"), full_page=True)
    save_draft(page)

    article = Article.objects.get()
    image = Image.objects.get()
    rendition = image.renditions.get(spec="article-960.png")
    assert rendition.file.url in article.body
    assert image.uploaded_by.username == "phongvien"
    assert not [m for m in page.console_messages if "editor-plugin-required" in m]


def test_image_dialog_upload_tab_sends_the_file(reporter_page, tmp_path):
    page = reporter_page
    fill_required(page)
    photo = tmp_path / "hien-truong.jpg"
    photo.write_bytes(image_bytes(size=(1600, 900)))

    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.click(".cke_button__image")
    dialog = page.locator(".cke_dialog")
    dialog.locator("a.cke_dialog_tab[title='Tải lên']").click()
    upload_frame = page.frame_locator(".cke_dialog iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(str(photo))
    dialog.locator("a.cke_dialog_ui_button", has_text="Tải lên máy chủ").click()
    # The dialog moves to its first tab with the stored file's address filled in.
    url_input = dialog.locator("input.cke_dialog_ui_input_text").first
    page.wait_for_function(
        "el => /\\/media\\/renditions\\//.test(el.value)",
        arg=url_input.element_handle(),
        timeout=15000,
    )
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    wait_for_uploaded_image(page)
    save_draft(page)

    article = Article.objects.get()
    image = Image.objects.get()
    assert image.title == "hien-truong"
    assert image.renditions.get(spec="article-960.jpg").file.url in article.body


def test_upload_refusal_is_shown_in_vietnamese_and_stores_nothing(reporter_page):
    page = reporter_page
    fill_required(page)
    # A PNG signature followed by garbage: the server refuses it.
    broken = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"khong phai anh" * 20).decode()
    paste(page, png=broken)
    page.wait_for_selector(".cke_notification_warning", timeout=15000)
    text = page.inner_text(".cke_notification_warning")
    assert re.search(r"[ảạãấầẩẫậắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]", text), text
    assert "403" not in text
    assert Image.objects.count() == 0


def read_fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as fh:
        return fh.read()


@pytest.mark.parametrize("fixture", ["word.html", "google-docs.html"])
def test_paste_from_word_and_google_docs_comes_out_clean(reporter_page, fixture):
    page = reporter_page
    fill_required(page)
    paste(page, html=read_fixture(fixture))
    page.wait_for_function(
        "() => CKEDITOR.instances.id_body.getData().indexOf('Hội nghị') !== -1", timeout=10000
    )
    html = editor_html(page)
    # Kept: headings, bold, lists, links.
    assert re.search(r"<h2>(<strong>)?Hội nghị tổng kết công tác", html), html
    assert re.search(r"<strong>[^<]*1\.200 đoàn viên", html), html
    assert html.count("<li>") >= 3, html
    assert '<a href="https://laodongthudo.vn/' in html, html
    # Dropped: fonts, colours, classes, Word's and Docs' own markup.
    junk_markup = ("font-", "color", "class=", "mso-", "<o:p", "docs-internal", "<font", "&ocirc;")
    for junk in (*junk_markup, "list-style", "text-decoration", "line-height", "<span"):
        assert junk not in html, (junk, html)
    assert not [m for m in page.console_messages if "editor-plugin-required" in m]
    save_draft(page)
    stored = Article.objects.get().body
    assert "<h2>" in stored and "<strong>" in stored and "class=" not in stored
