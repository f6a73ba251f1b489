"""The editorial journey in a real browser: CKEditor, workflow buttons, scheduling,
and two editors saving the same article."""

import os
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITORS, REPORTERS
from authors.models import Author
from tests.factories import SectionFactory, UserFactory, role_group

# Playwright's sync API runs an event loop; the ORM calls in these tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def people(db):
    reporter = UserFactory(username="phongvien", password=PASSWORD, email="pv@example.com")
    reporter.groups.add(role_group(REPORTERS))
    Author.objects.create(name="Bảo Dương", byline="B.D", user=reporter)
    editors = []
    for name in ("bientap", "bientap2"):
        editor = UserFactory(username=name, password=PASSWORD, email=f"{name}@example.com")
        editor.groups.add(role_group(EDITORS))
        editors.append(editor)
    SectionFactory(name="Công đoàn")
    return reporter, editors


def login(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def logout(page, base):
    """Log out as a user does, with the admin's own button: the server ends the session,
    so a request still under way from the page (the presence heartbeat, which refreshes
    the session cookie) cannot log the user back in; the cookies stay as a browser keeps
    them (clearing them raced that request, which set them again)."""
    page.click("#logout-form button[type=submit]")
    page.wait_for_url(f"{base}/admin/logout/")


def type_in_editor(page, text):
    frame = page.frame_locator("iframe.cke_wysiwyg_frame")
    body = frame.locator("body")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def public_status(url):
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 - the test server
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_reporter_to_editor_journey(live_server, page, people, output_dir):
    reporter, (editor, _) = people
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    # The reporter writes in CKEditor and submits.
    login(page, base, "phongvien")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_title", "Công đoàn Thủ đô chăm lo Tết cho đoàn viên")
    page.fill("#id_sapo", "Chiều 16/8, Liên đoàn Lao động thành phố tổ chức hội nghị.")
    type_in_editor(page, "Hội nghị đã tổng kết công tác chăm lo đời sống người lao động.")
    page.click("#id_section + .select2 .select2-selection")
    page.fill(".select2-search__field", "Công")
    page.click(".select2-results__option >> text=Công đoàn")
    page.screenshot(path=os.path.join(output_dir, "workflow-reporter-form.png"), full_page=True)
    page.click("input[name=_wf_submit]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    assert "Hội nghị đã tổng kết" in article.body
    assert [a.byline for a in article.ordered_authors] == ["B.D"]
    logout(page, base)

    # The editor finds it in the queue and returns it with a note.
    login(page, base, editor.username)
    page.goto(f"{base}/admin/articles/pendingarticle/")
    page.screenshot(path=os.path.join(output_dir, "workflow-editor-queue.png"), full_page=True)
    page.click(f"text={article.title}")
    page.fill("#id_review_note", "Bổ sung số đoàn viên được hỗ trợ.")
    page.click("input[name=_wf_return]")
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.get().status == Article.Status.RETURNED
    logout(page, base)

    # The reporter sees the note, fixes the text and resubmits.
    login(page, base, "phongvien")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    assert "Bổ sung số đoàn viên được hỗ trợ." in page.inner_text(".return-note")
    type_in_editor(page, " Có 1.200 đoàn viên được hỗ trợ.")
    page.click("input[name=_wf_submit]")
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.get().status == Article.Status.PENDING
    logout(page, base)

    # The editor schedules it a few seconds ahead; the public page appears by itself.
    login(page, base, editor.username)
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    when = timezone.localtime() + timedelta(seconds=6)
    page.fill("#id_published_at_0", when.strftime("%d/%m/%Y"))
    page.fill("#id_published_at_1", when.strftime("%H:%M:%S"))
    page.click("input[name=_wf_schedule]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert "1.200 đoàn viên" in article.body
    public_url = base + article.get_absolute_url()
    assert public_status(public_url) == 404
    time.sleep(max(0.0, (article.published_at - timezone.now()).total_seconds()) + 1)
    assert public_status(public_url) == 200
    page.goto(public_url)
    assert article.title in page.inner_text("h1")


def test_second_editor_save_is_refused_and_keeps_text(live_server, new_context, people, output_dir):
    reporter, (first, second) = people
    from tests.factories import ArticleFactory

    article = ArticleFactory(
        title="Bản gốc", status=Article.Status.PENDING, published_at=None, created_by=reporter
    )
    base = live_server.url
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    pages = []
    for user in (first, second):
        context = new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        login(page, base, user.username)
        page.goto(url)
        pages.append(page)

    pages[0].fill("#id_title", "Bản của biên tập viên thứ nhất")
    pages[0].click("input[name=_wf_save]")
    pages[0].wait_for_selector(".messagelist .success")

    pages[1].fill("#id_title", "Bản của biên tập viên thứ hai")
    pages[1].click("input[name=_wf_save]")
    pages[1].wait_for_selector(".errornote, .errorlist")
    pages[1].screenshot(path=os.path.join(output_dir, "workflow-conflict.png"), full_page=True)
    assert pages[1].input_value("#id_title") == "Bản của biên tập viên thứ hai"
    assert first.username in pages[1].inner_text("#content")
    assert Article.objects.get(pk=article.pk).title == "Bản của biên tập viên thứ nhất"
    for page in pages:
        page.context.close()
