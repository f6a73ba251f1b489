"""The editor's desk in a real browser: who is editing, the merge of a stale save, the
browser's unsaved copy, scheduling shown as scheduled and undone, the typed preview, the
list, the history's word diff and the dashboard at 1366 px."""

import os
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from articles import presence, services
from articles.models import Article
from articles.roles import EDITORS, REPORTERS
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    UserFactory,
    role_group,
)

from .test_workflow import PASSWORD, login, type_in_editor

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 1366


@pytest.fixture
def people(db):
    """A reporter and two editors who log in with PASSWORD."""
    reporter = UserFactory(username="phongvien", password=PASSWORD, email="pv@example.com")
    reporter.groups.add(role_group(REPORTERS))
    editors = []
    for name in ("bientap", "bientap2"):
        editor = UserFactory(username=name, password=PASSWORD, email=f"{name}@example.com")
        editor.groups.add(role_group(EDITORS))
        editors.append(editor)
    return reporter, editors


def shot(page, output_dir, name, *, full_page=True):
    # Forms are shot as the window shows them: the workflow bar sticks to its bottom.
    page.screenshot(path=os.path.join(output_dir, name), full_page=full_page)


def wait_for_editor(page):
    # Arrow functions: Playwright evaluates a bare expression with eval(), which the
    # admin's Content-Security-Policy refuses.
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body "
        "&& CKEDITOR.instances.id_body.status === 'ready'"
    )


def sideways_scrolling(page):
    """What scrolls sideways: the page, or boxes in it (the list's table), as
    "selector: content width > box width"; empty when nothing does."""
    return page.evaluate(
        """() => {
            const found = [];
            const root = document.documentElement;
            if (root.scrollWidth > window.innerWidth) {
                found.push(`page: ${root.scrollWidth} > ${window.innerWidth}`);
            }
            for (const el of document.querySelectorAll('#content *')) {
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
                if (scrolls && el.scrollWidth > el.clientWidth + 1) {
                    const name = `${el.tagName}.${el.className}`;
                    found.push(`${name}: ${el.scrollWidth} > ${el.clientWidth}`);
                }
            }
            return found;
        }"""
    )


def editor_page(browser, base, username, url):
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    login(page, base, username)
    page.goto(url)
    return page


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def test_two_editors_presence_merge_keeps_both_changes(live_server, browser, people, output_dir):
    reporter, (first, second) = people
    named(first, "Lan", "Nguyễn")
    named(second, "Hùng", "Trần")
    article = ArticleFactory(
        title="Công đoàn Thủ đô chăm lo Tết cho đoàn viên",
        sapo="Chiều 16/8, Liên đoàn Lao động thành phố tổ chức hội nghị tổng kết.",
        body="<p>Hội nghị tổng kết công tác chăm lo đời sống người lao động.</p>",
        status=Article.Status.PENDING,
        published_at=None,
        created_by=reporter,
        section=SectionFactory(name="Xã hội"),
    )
    services.article_save(article=article, user=first, base_version=article.version)
    base = live_server.url
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    lan = editor_page(browser, base, first.username, url)
    wait_for_editor(lan)
    hung = editor_page(browser, base, second.username, url)
    wait_for_editor(hung)

    # Hùng sees that Lan has the article open, on the form and in the list.
    hung.wait_for_selector("#presence-notice:not([hidden])")
    notice = hung.inner_text("#presence-notice")
    assert re.search(r"Lan Nguyễn đang sửa bài này, từ \d\d:\d\d", notice), notice
    # A list as a desk has it: long titles, several authors, every state.
    authors = [AuthorFactory(name=n) for n in ("Bảo Dương", "Nguyễn Thị Minh Anh", "Trần Hùng")]
    now = timezone.now()
    for i, (status, when) in enumerate(
        [
            (Article.Status.PUBLISHED, now - timedelta(hours=2)),
            (Article.Status.PUBLISHED, now + timedelta(days=1)),
            (Article.Status.DRAFT, None),
            (Article.Status.RETURNED, None),
            (Article.Status.WITHDRAWN, now - timedelta(days=3)),
        ]
    ):
        ArticleFactory(
            title=f"Liên đoàn Lao động thành phố Hà Nội tổ chức chương trình Tết sum vầy {i}",
            status=status,
            published_at=when,
            created_by=reporter,
            authors=authors[: i % 3 + 1],
            is_featured=i == 0,
            cover_image=ImageFactory() if i < 2 else None,
        )
    listing = hung.context.new_page()
    listing.goto(f"{base}/admin/articles/article/")
    assert "Lan Nguyễn đang sửa bài này" in listing.inner_text(f"tr:has-text('{article.title}')")
    shot(listing, output_dir, "desk-list-presence.png")
    assert sideways_scrolling(listing) == []
    for header in ("Chuyên mục", "Tác giả", "Trạng thái", "Cập nhật"):
        assert header.lower() in listing.inner_text("#result_list thead").lower(), header
    listing.close()

    # Lan changes the title and a sentence of the body, and saves first.
    lan.fill("#id_title", "Công đoàn thành phố chăm lo Tết cho 1.200 đoàn viên")
    lan.evaluate(
        "CKEDITOR.instances.id_body.setData("
        "'<p>Hội nghị tổng kết công tác chăm lo đời sống người lao động năm 2026.</p>')"
    )
    lan.click("input[name=_wf_save]")
    lan.wait_for_selector(".messagelist .success")

    # Hùng, on his stale copy, rewrites the sapo and the same sentence: refused, merged.
    hung.fill("#id_sapo", "Chiều 16/8, LĐLĐ thành phố tổng kết công tác chăm lo Tết.")
    hung.evaluate(
        "CKEDITOR.instances.id_body.setData("
        "'<p>Hội nghị tổng kết công tác chăm lo đời sống công nhân lao động.</p>')"
    )
    hung.click("input[name=_wf_save]")
    hung.wait_for_selector("#merge")
    wait_for_editor(hung)
    assert "Lan Nguyễn" in hung.inner_text("#merge")
    # The title Hùng never touched is Lan's; his sapo is his; the body is his, shown
    # beside Lan's with the words that differ marked.
    assert hung.input_value("#id_title") == "Công đoàn thành phố chăm lo Tết cho 1.200 đoàn viên"
    assert hung.input_value("#id_sapo").startswith("Chiều 16/8, LĐLĐ")
    body_conflict = hung.locator(".merge-field[data-field=body]")
    assert "năm 2026" in body_conflict.locator(".merge-side--theirs").inner_text()
    assert body_conflict.locator(".merge-side--mine ins").first.inner_text() == "công nhân"
    assert sideways_scrolling(hung) == []
    hung.set_viewport_size({"width": WIDTH, "height": 1300})
    shot(hung, output_dir, "desk-merge.png", full_page=False)

    # He takes Lan's body (into the editor), adds his own sentence and saves on top.
    body_conflict.locator("input[value=theirs]").check()
    hung.wait_for_function("() => CKEDITOR.instances.id_body.getData().indexOf('năm 2026') !== -1")
    type_in_editor(hung, " Có 1.200 đoàn viên được hỗ trợ.")
    hung.click("input[name=_wf_save]")
    hung.wait_for_selector(".messagelist .success")
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Công đoàn thành phố chăm lo Tết cho 1.200 đoàn viên"  # Lan's
    assert stored.sapo.startswith("Chiều 16/8, LĐLĐ")  # Hùng's
    assert "năm 2026" in stored.body and "1.200 đoàn viên được hỗ trợ" in stored.body
    assert stored.revisions.count() == 3
    for page in (lan, hung):
        page.context.close()


def test_autosave_offers_the_copy_after_the_page_is_closed(
    live_server, browser, people, output_dir
):
    reporter, (editor, _second) = people
    named(editor, "Lan", "Nguyễn")
    article = ArticleFactory(
        title="Bản nháp",
        sapo="Sapo nháp.",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=reporter,
        section=SectionFactory(name="Xã hội"),
    )
    base = live_server.url
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    login(page, base, reporter.username)
    page.goto(url)
    wait_for_editor(page)
    title = "Công nhân khu công nghiệp nhận quà Tết sớm nhờ quỹ hỗ trợ của công đoàn"
    page.fill("#id_title", title)
    counter = page.inner_text(".field-title .char-counter")
    assert counter.startswith(f"{len(title)} ký tự (nên 70–100)"), counter
    type_in_editor(page, "Đoạn viết dở, chưa kịp lưu.")
    page.close()  # the tab closes without saving

    # An editor has it open meanwhile (the shared cache holds the heartbeat).
    presence.beat(article.pk, editor, "tab-of-lan")
    page = context.new_page()
    page.goto(url)
    wait_for_editor(page)
    page.wait_for_selector("#autosave-prompt:not([hidden])")
    prompt = page.inner_text("#autosave-prompt .autosave-prompt__text")
    assert re.fullmatch(r"Khôi phục bản chưa lưu lúc \d\d:\d\d\?", prompt), prompt
    assert "Lan Nguyễn đang sửa bài này" in page.inner_text("#presence-notice")
    assert page.input_value("#id_title") == "Bản nháp"
    # The buttons are reachable at the top of a long form: the bar sticks to the bottom.
    bar = page.locator("#workflow-bar").bounding_box()
    assert bar["y"] + bar["height"] <= 900
    assert sideways_scrolling(page) == []
    shot(page, output_dir, "desk-form-presence-autosave.png", full_page=False)

    page.click("[data-autosave=restore]")
    assert page.input_value("#id_title") == title
    page.wait_for_function(
        "() => CKEDITOR.instances.id_body.getData().indexOf('chưa kịp lưu') !== -1"
    )
    page.click("input[name=_wf_save]")
    page.wait_for_selector(".messagelist .success")
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == title and "chưa kịp lưu" in stored.body
    key = f"newsroom:autosave:{reporter.pk}:{article.pk}"
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    page.reload()
    wait_for_editor(page)
    page.wait_for_timeout(300)
    assert page.locator("#autosave-prompt").is_hidden()
    context.close()


def test_schedule_is_shown_as_scheduled_everywhere_and_can_be_undone(
    live_server, browser, people, output_dir
):
    reporter, (editor, _second) = people
    named(editor, "Lan", "Nguyễn")
    ArticleFactory.create_batch(3, created_by=reporter)
    article = ArticleFactory(
        title="Lịch nghỉ Tết của công nhân",
        status=Article.Status.PENDING,
        published_at=None,
        created_by=reporter,
    )
    base = live_server.url
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    page = editor_page(browser, base, editor.username, url)
    wait_for_editor(page)
    when = (timezone.localtime() + timedelta(days=2)).replace(hour=8, minute=0)
    stamp = when.strftime("%H:%M %d/%m/%Y")
    page.fill("#id_published_at_0", when.strftime("%d/%m/%Y"))
    page.fill("#id_published_at_1", "08:00")
    mail.outbox.clear()
    page.click("input[name=_wf_schedule]")
    page.wait_for_selector(".messagelist .success")
    assert f"Hẹn giờ {stamp}" in page.inner_text(".messagelist")
    assert "Đã xuất bản" not in page.inner_text(".messagelist")
    assert f"Chờ duyệt → Hẹn giờ {stamp}" in page.inner_text(".workflow-log")
    assert f"Hẹn giờ {stamp}" in page.inner_text(".field-status_display")
    sent = [m for m in mail.outbox if reporter.email in m.to]
    assert [m.subject for m in sent] == [f"Đã hẹn giờ xuất bản lúc {stamp}: {article.title}"]
    # The dashboard's card leads to the scheduled article alone.
    page.goto(f"{base}/admin/")
    card = page.locator("#newsroom-dashboard .dashboard-counts a", has_text="Hẹn giờ")
    assert card.locator("strong").inner_text() == "1"
    assert sideways_scrolling(page) == []
    shot(page, output_dir, "desk-dashboard.png")
    card.click()
    page.wait_for_url("**/admin/articles/article/?state=scheduled")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Hẹn giờ" in rows.first.inner_text() and stamp in rows.first.inner_text()

    # Unscheduled: back to the queue, and the log says from when.
    page.goto(url)
    page.click("input[name=_wf_unschedule]")
    page.wait_for_selector(".messagelist .success")
    assert "Chờ duyệt" in page.inner_text(".messagelist")
    assert f"Hẹn giờ {stamp} → Chờ duyệt" in page.inner_text(".workflow-log")
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.published_at) == (Article.Status.PENDING, None)
    page.context.close()


def test_typed_preview_and_withdrawal_confirmation(live_server, browser, people, output_dir):
    reporter, (editor, _second) = people
    article = ArticleFactory(title="Bài đang đăng", created_by=reporter)
    base = live_server.url
    url = f"{base}/admin/articles/article/{article.pk}/change/"
    page = editor_page(browser, base, editor.username, url)
    wait_for_editor(page)
    page.fill("#id_title", "Tiêu đề đang gõ, chưa lưu")
    type_in_editor(page, " Câu mới chưa lưu.")
    with page.context.expect_page() as opened:
        page.click("button.typed-preview__button >> text=Di động")
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("html").get_attribute("data-device") == "mobile"
    assert "Tiêu đề đang gõ, chưa lưu" in preview.inner_text("h1")
    assert "Câu mới chưa lưu." in preview.inner_text(".article__body")
    preview.close()
    assert Article.objects.get(pk=article.pk).title == "Bài đang đăng"

    page.click("a.wf-withdraw")
    page.wait_for_selector("#id_reason")
    shot(page, output_dir, "desk-withdraw-confirm.png")
    page.fill("#id_reason", "Sai số liệu, chờ kiểm tra lại.")
    page.click("input.wf-withdraw")
    page.wait_for_selector(".messagelist .success")
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == Article.Status.WITHDRAWN
    assert stored.transitions.get().note == "Sai số liệu, chờ kiểm tra lại."
    page.context.close()


def test_history_word_diff_fits_the_page(live_server, browser, people, output_dir):
    reporter, (editor, _second) = people
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=reporter)
    paragraph = " ".join(["Người lao động tại các khu công nghiệp được hỗ trợ"] * 12)
    article.body = f"<p>{paragraph}.</p><p>Đoạn hai giữ nguyên.</p>"
    services.article_save(article=article, user=reporter, base_version=article.version)
    article.title = article.title + " (cập nhật)"
    changed = paragraph.replace("khu công nghiệp", "khu chế xuất", 1)
    article.body = f"<p>{changed} kịp thời.</p><p>Đoạn hai giữ nguyên.</p><p>Đoạn ba mới.</p>"
    services.article_save(article=article, user=reporter, base_version=article.version)
    base = live_server.url
    page = editor_page(
        browser, base, reporter.username, f"{base}/admin/articles/article/{article.pk}/revisions/"
    )
    body = page.locator(".diff .word-diff").nth(1)
    assert body.locator("del").first.inner_text() == "công nghiệp"
    assert body.locator("ins").first.inner_text() == "chế xuất"
    assert "kịp thời" in body.locator("ins").nth(1).inner_text()
    assert "Đoạn ba mới." in body.locator("ins").last.inner_text()
    assert sideways_scrolling(page) == []
    assert "Khôi phục phiên bản này" not in page.inner_text("#content")  # a reporter
    shot(page, output_dir, "desk-history-diff.png")
    page.context.close()


def test_forbidden_page_is_in_the_admin_style(live_server, browser, people, output_dir):
    reporter, _editors = people
    other = UserFactory(username="phongvien2")
    theirs = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=other)
    base = live_server.url
    page = editor_page(
        browser, base, reporter.username, f"{base}/admin/articles/article/{theirs.pk}/change/"
    )
    assert "Không có quyền truy cập" in page.inner_text("#content")
    assert page.locator("#header").count() == 1
    shot(page, output_dir, "desk-403.png")
    page.context.close()
