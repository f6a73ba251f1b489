"""The workflow through the admin's HTTP interface, including forged POSTs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from authors.models import Author
from tests.factories import ArticleFactory, SectionFactory, UserFactory, role_group

S = Article.Status
pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, *, editor=False, **overrides):
    """What the article form posts, as the browser would send it."""
    data = {
        "title": article.title,
        "sapo": article.sapo,
        "body": article.body,
        "section": article.section_id,
        "tags": "",
        "cover_image": "",
        "cover_caption": "",
        "slug": article.slug,
        "seo_title": "",
        "seo_description": "",
        "base_version": article.version,
    }
    for prefix in ("article_authors", "related_links"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    if editor:
        local = timezone.localtime(article.published_at) if article.published_at else None
        data["published_at_0"] = local.strftime("%d/%m/%Y") if local else ""
        data["published_at_1"] = local.strftime("%H:%M:%S") if local else ""
        if article.is_featured:
            data["is_featured"] = "on"
    data.update(overrides)
    return data


@pytest.fixture
def draft(reporter):
    return ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)


@pytest.fixture
def pending(reporter):
    return ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)


def snapshot(article):
    return Article.objects.values().get(pk=article.pk)


# --- forged POSTs ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "forged",
    [
        {"status": "published"},
        {"_wf_publish": "1"},
        {"_wf_schedule": "1"},
        {"_wf_withdraw": "1"},
        {"_wf_return": "1"},
        {"published_at_0": "01/01/2026", "published_at_1": "10:00"},
        {"is_featured": "on"},
        {"version": "99"},
    ],
)
def test_reporter_forged_post_is_refused(client, reporter, draft, forged):
    client.force_login(reporter)
    before = snapshot(draft)
    response = client.post(change_url(draft), form_data(draft, **forged))
    assert response.status_code == 403
    assert snapshot(draft) == before


def test_reporter_cannot_post_to_another_reporters_article(client, reporter):
    other = UserFactory(username="reporter2")
    other.groups.add(role_group("Phóng viên"))
    theirs = ArticleFactory(status=S.DRAFT, published_at=None, created_by=other)
    client.force_login(reporter)
    before = snapshot(theirs)
    assert client.get(change_url(theirs)).status_code == 403
    assert client.post(change_url(theirs), form_data(theirs, title="Của tôi")).status_code == 403
    assert snapshot(theirs) == before


def test_reporter_cannot_edit_own_article_under_review(client, reporter, pending):
    client.force_login(reporter)
    before = snapshot(pending)
    response = client.post(change_url(pending), form_data(pending, title="Sửa lén"))
    assert response.status_code == 403
    assert snapshot(pending) == before


def test_reporter_reads_own_article_under_review_without_buttons(client, reporter, pending):
    client.force_login(reporter)
    response = client.get(change_url(pending))
    assert response.status_code == 200
    html = response.content.decode()
    assert pending.title in html
    assert 'name="_wf_' not in html
    assert "Bạn chỉ được xem" in html


def test_reporter_list_hides_others_drafts(client, reporter):
    other = UserFactory(username="reporter2")
    ArticleFactory(title="Nháp của người khác", status=S.DRAFT, published_at=None, created_by=other)
    ArticleFactory(title="Bài đã đăng của người khác", created_by=other)
    ArticleFactory(title="Nháp của tôi", status=S.DRAFT, published_at=None, created_by=reporter)
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Nháp của tôi" in html
    assert "Bài đã đăng của người khác" in html
    assert "Nháp của người khác" not in html


# --- the allowed journey -----------------------------------------------------------------
def test_reporter_adds_article_with_own_byline_prefilled(client, reporter):
    author = Author.objects.create(name="Bảo Dương", byline="B.D", user=reporter)
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'value="{author.pk}" selected' in html
    assert 'value="Gửi duyệt"' in html and 'value="Lưu nháp"' in html
    assert 'value="Xuất bản"' not in html


def test_reporter_saves_and_submits(
    client, reporter, editor, draft, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    response = client.post(change_url(draft), form_data(draft, title="Tiêu đề mới"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.version) == ("Tiêu đề mới", S.DRAFT, 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(draft), form_data(draft, _wf_submit="1"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.PENDING
    assert mail.outbox[-1].to == [editor.email]


def test_editor_sees_transition_buttons_in_vietnamese(client, editor, pending):
    client.force_login(editor)
    html = client.get(change_url(pending)).content.decode()
    for label in ("Trả lại", "Xuất bản", "Hẹn giờ xuất bản", "Lưu thay đổi"):
        assert f'value="{label}"' in html
    assert 'value="Gỡ bài"' not in html


def test_return_needs_a_note_and_keeps_the_text(client, editor, pending):
    client.force_login(editor)
    data = form_data(pending, editor=True, _wf_return="1", review_note="", title="Tiêu đề BTV sửa")
    response = client.post(change_url(pending), data)
    assert response.status_code == 200
    assert "Tiêu đề BTV sửa" in response.content.decode()
    assert snapshot(pending)["status"] == S.PENDING


def test_returned_note_is_shown_to_the_reporter(client, reporter, editor, pending):
    client.force_login(editor)
    data = form_data(pending, editor=True, _wf_return="1", review_note="Kiểm tra lại số liệu")
    assert client.post(change_url(pending), data).status_code == 302
    pending.refresh_from_db()
    assert pending.status == S.RETURNED
    client.force_login(reporter)
    html = client.get(change_url(pending)).content.decode()
    assert "Kiểm tra lại số liệu" in html
    assert "Gửi duyệt" in html


def test_schedule_in_the_past_is_a_form_error(client, editor, pending):
    client.force_login(editor)
    past = timezone.localtime() - timedelta(hours=1)
    data = form_data(
        pending,
        editor=True,
        _wf_schedule="1",
        published_at_0=past.strftime("%d/%m/%Y"),
        published_at_1=past.strftime("%H:%M"),
    )
    response = client.post(change_url(pending), data)
    assert response.status_code == 200
    assert snapshot(pending)["status"] == S.PENDING


def test_editor_schedules_with_day_first_date(client, editor, pending):
    client.force_login(editor)
    when = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    data = form_data(
        pending,
        editor=True,
        _wf_schedule="1",
        published_at_0=when.strftime("%d/%m/%Y"),
        published_at_1=when.strftime("%H:%M"),
    )
    assert client.post(change_url(pending), data).status_code == 302
    pending.refresh_from_db()
    assert pending.status == S.PUBLISHED
    assert pending.published_at == when
    assert not Article.objects.published().filter(pk=pending.pk).exists()


def test_second_save_on_stale_copy_is_refused_and_keeps_text(client, editor, pending):
    other_editor = UserFactory(username="editor2")
    other_editor.groups.add(role_group("Biên tập viên"))
    opened = form_data(pending, editor=True)

    client.force_login(other_editor)
    first = {**opened, "title": "Bản của biên tập viên hai"}
    assert client.post(change_url(pending), first).status_code == 302

    client.force_login(editor)
    second = {**opened, "title": "Bản của biên tập viên một"}
    response = client.post(change_url(pending), second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản của biên tập viên một" in html
    assert "editor2" in html
    assert snapshot(pending)["title"] == "Bản của biên tập viên hai"


def test_editor_edit_of_published_article_sets_revised_time(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(editor)
    data = form_data(article, editor=True, sapo="Sapo cập nhật")
    assert client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).revised_at is not None


def test_withdraw_button_leads_to_its_confirmation_page(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    confirm = reverse("admin:articles_article_withdraw", args=[article.pk])
    assert "Gỡ bài" in html and f'href="{confirm}"' in html
    assert 'name="_wf_withdraw"' not in html
    # A forged one-click withdrawal from the form has no reason: refused, text kept.
    data = form_data(article, editor=True, _wf_withdraw="1", title="Tiêu đề đang sửa")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Tiêu đề đang sửa" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


def test_audit_log_is_shown_newest_first(client, editor, reporter, pending):
    from articles import services

    services.article_return(article=pending, user=editor, note="Ghi chú thứ nhất")
    services.article_submit(article=pending, user=reporter)
    client.force_login(editor)
    html = client.get(change_url(pending)).content.decode()
    assert html.index("Chờ duyệt</td>") < html.index("Ghi chú thứ nhất")


# --- bulk action, queue, dashboard, revisions -------------------------------------------
def test_bulk_publish_is_for_editors_and_checks_versions(client, editor, reporter):
    a = ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)
    b = ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)
    url = reverse("admin:articles_article_changelist")
    client.force_login(reporter)
    assert "publish_selected" not in client.get(url).content.decode()
    client.force_login(editor)
    assert "publish_selected" in client.get(url).content.decode()
    stale_b = b.version
    b.title = "Đã sửa sau khi mở danh sách"
    b.version += 1
    b.save()
    data = {
        "action": "publish_selected",
        "_selected_action": [a.pk, b.pk],
        f"_version_{a.pk}": a.version,
        f"_version_{b.pk}": stale_b,
    }
    client.post(url, data)
    assert Article.objects.get(pk=a.pk).status == S.PUBLISHED
    assert Article.objects.get(pk=b.pk).status == S.PENDING


def test_review_queue_for_editors_only(client, editor, reporter, pending):
    url = reverse("admin:articles_pendingarticle_changelist")
    client.force_login(reporter)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert pending.title in response.content.decode()
    assert "Chờ duyệt" in response.content.decode()


def test_dashboard_counts_and_lists(client, editor, reporter, pending, draft):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'id="review-queue"' in html and pending.title in html
    client.force_login(reporter)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'id="review-queue"' not in html
    assert 'id="my-drafts"' in html and draft.title in html


def test_revisions_page_diff_and_restore(client, editor, reporter, draft):
    from articles import services

    draft.body = "<p>Đoạn một.</p><p>Đoạn hai.</p>"
    services.article_save(article=draft, user=reporter, base_version=draft.version)
    draft.body = "<p>Đoạn một.</p><p>Đoạn hai đã sửa.</p>"
    services.article_save(article=draft, user=reporter, base_version=draft.version)
    url = reverse("admin:articles_article_revisions", args=[draft.pk])
    restore = reverse("admin:articles_article_restore", args=[draft.pk, 2])
    client.force_login(reporter)  # their own article: the history, not restore
    html = client.get(url, {"a": 2, "b": 3}).content.decode()
    assert "Đoạn hai <ins>đã sửa</ins>." in html and restore not in html
    client.force_login(editor)
    html = client.get(url, {"a": 2, "b": 3}).content.decode()
    assert "Đoạn hai <ins>đã sửa</ins>." in html and restore in html
    response = client.post(restore, {"base_version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "Đoạn hai đã sửa" not in draft.body
    assert draft.revisions.count() == 3  # v2, v3 and the restore as v4


def test_new_article_form_is_not_prefilled_without_profile(client, editor):
    SectionFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:articles_article_add")).status_code == 200


def test_emptying_the_time_of_a_published_article_keeps_the_stored_one(client, editor):
    article = ArticleFactory()
    stored = article.published_at
    client.force_login(editor)
    data = form_data(article, editor=True, title="Tiêu đề sửa", _save="1")
    data["published_at_0"] = data["published_at_1"] = ""
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề sửa"
    assert article.published_at == stored
