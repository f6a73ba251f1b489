"""The article form and list as reporters and editors read them: the rendered body when
read-only, "view on site" only for live articles, Vietnamese labels, names by full name,
the history for reporters, the list's columns and the counters."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import trans_real

from articles import services
from articles.forms import ArticleAdminForm
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

from .test_admin_workflow import change_url, form_data

S = Article.Status
pytestmark = pytest.mark.django_db


def test_read_only_body_is_rendered_and_sanitised(client, reporter):
    article = ArticleFactory(
        status=S.PENDING,
        published_at=None,
        created_by=reporter,
        body="<p>Đoạn&nbsp;một <strong>đậm</strong></p>",
    )
    # A row written around Article.save(): the admin sanitises what it shows anyway.
    Article.objects.filter(pk=article.pk).update(
        body=article.body + '<script>alert(1)</script><p onclick="x()">Hai</p>'
    )
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert '<div class="article-body-readonly"><p>Đoạn&nbsp;một <strong>đậm</strong></p>' in html
    assert "&lt;strong&gt;" not in html and "&lt;p&gt;" not in html
    assert "alert(1)" not in html and "onclick" not in html


def test_view_on_site_only_for_live_articles(client, editor, reporter):
    client.force_login(editor)
    for status, published_at in [
        (S.DRAFT, None),
        (S.PENDING, None),
        (S.PUBLISHED, timezone.now() + timedelta(days=1)),
        (S.WITHDRAWN, timezone.now() - timedelta(days=1)),
    ]:
        article = ArticleFactory(status=status, published_at=published_at, created_by=reporter)
        html = client.get(change_url(article)).content.decode()
        assert "viewsitelink" not in html, status
        preview = reverse("admin:articles_article_preview", args=[article.pk])
        assert f'href="{preview}" target="_blank" rel="noopener" class="previewlink"' in html
    live = ArticleFactory(created_by=reporter)
    html = client.get(change_url(live)).content.decode()
    assert f'href="{live.get_absolute_url()}" class="viewsitelink"' in html
    assert "previewlink" not in html
    assert client.get(live.get_absolute_url()).status_code == 200


def test_admin_labels_are_vietnamese(client, superuser):
    article = ArticleFactory(tags=["Công đoàn"])
    client.force_login(superuser)
    tags = client.get(reverse("admin:articles_tag_changelist")).content.decode()
    assert "column-name" in tags and ">Tên<" in tags and ">Name<" not in tags
    form = client.get(reverse("admin:articles_tag_add")).content.decode()
    assert "Tên:" in form and "Name:" not in form
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Thêm bài viết" in listing and "Thêm vào" not in listing
    change = client.get(change_url(article)).content.decode()
    assert ">Lịch sử<" in change and "Bản ghi nhớ" not in change


def test_history_page_lists_changed_fields_in_vietnamese_without_base_version(client, superuser):
    article = ArticleFactory()
    client.force_login(superuser)
    later = timezone.localtime(article.published_at) + timedelta(hours=1)
    data = form_data(
        article,
        editor=True,
        title="Tiêu đề mới",
        published_at_0=later.strftime("%d/%m/%Y"),
        published_at_1=later.strftime("%H:%M"),
    )
    assert client.post(change_url(article), data).status_code == 302
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert "base_version" not in entry.change_message
    html = client.get(reverse("admin:articles_article_history", args=[article.pk])).content
    html = html.decode()
    assert "Tiêu đề" in html and "Thời gian xuất bản" in html
    assert "Published at" not in html and "entries" not in html and "1 mục" in html


def test_every_form_label_the_history_stores_has_a_translation():
    with translation.override(None):
        labels = [
            str(capfirst(field.label))
            for name, field in ArticleAdminForm.base_fields.items()
            if name not in {"base_version", "review_note"}
        ]
    catalog = trans_real.translation("vi")._catalog
    assert [label for label in labels if label not in catalog] == []


def test_messages_and_emails_name_people_by_full_name(client, reporter, editor, mailoutbox):
    from django.core import mail  # noqa: F401 - mailoutbox is Django's outbox

    reporter.first_name, reporter.last_name = "Bảo", "Dương"
    reporter.save()
    editor.first_name, editor.last_name = "Lan", "Nguyễn"
    editor.save()
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    other = Article.objects.get(pk=article.pk)
    other.title = "Bản của biên tập viên"
    services.article_save(article=other, user=editor, base_version=article.version)
    with pytest.raises(services.EditConflict) as refused:
        services.article_save(article=article, user=reporter, base_version=article.version)
    assert "Lan Nguyễn" in str(refused.value) and "editor" not in str(refused.value)
    from articles import notifications

    notifications.notify_submitted(article, reporter)
    assert "Bảo Dương" in mailoutbox[-1].body and "reporter" not in mailoutbox[-1].body
    notifications.notify_returned(article, editor, "Sửa tít")
    assert "Lan Nguyễn" in mailoutbox[-1].body
    # Without a full name, the username.
    nameless = UserFactory(username="bientap3")
    notifications.notify_returned(article, nameless, "Sửa tít")
    assert "bientap3" in mailoutbox[-1].body


def test_workflow_log_and_return_note_name_people(client, reporter, editor):
    editor.first_name, editor.last_name = "Lan", "Nguyễn"
    editor.save()
    article = ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)
    services.article_return(article=article, user=editor, note="Thiếu ảnh")
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert "Bị Lan Nguyễn trả lại lúc" in html
    assert "<td>Lan Nguyễn</td>" in html
    reporter.first_name = "Bảo"
    reporter.save()
    services.article_submit(article=article, user=reporter)
    client.force_login(editor)
    queue = client.get(reverse("admin:articles_pendingarticle_changelist")).content.decode()
    assert '<td class="field-creator">Bảo</td>' in queue


def test_reporter_sees_history_of_own_articles_only_and_cannot_restore(client, reporter, editor):
    own = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    services.article_save(article=own, user=reporter, base_version=own.version)
    others = ArticleFactory(created_by=editor)
    services.article_save(article=others, user=editor, base_version=others.version)
    client.force_login(reporter)
    form = client.get(change_url(own)).content.decode()
    history = reverse("admin:articles_article_revisions", args=[own.pk])
    assert history in form
    page = client.get(history)
    assert page.status_code == 200 and "Khôi phục phiên bản này" not in page.content.decode()
    restore = reverse("admin:articles_article_restore", args=[own.pk, own.revisions.get().version])
    assert client.get(restore).status_code == 403
    assert client.post(restore, {"base_version": own.version}).status_code == 403
    assert own.revisions.count() == 1
    # Someone else's published article: readable, its history is not.
    assert client.get(change_url(others)).status_code == 200
    theirs = reverse("admin:articles_article_revisions", args=[others.pk])
    assert theirs not in client.get(change_url(others)).content.decode()
    assert client.get(theirs).status_code == 403


def test_article_list_shows_section_authors_state_and_updated_time(client, editor, reporter):
    author = AuthorFactory(name="Nguyễn Thị Lan")
    article = ArticleFactory(created_by=reporter, authors=[author])
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_changelist"))
    html = response.content.decode()
    for column in ("title_column", "section", "authors_column", "status_column", "updated_column"):
        assert f"column-{column}" in html, column
    assert "Nguyễn Thị Lan" in html and article.section.name in html
    updated = timezone.localtime(article.updated_at)
    assert f'<span class="updated-time">{updated:%H:%M}</span>' in html
    assert f'<span class="updated-date">{updated:%d/%m/%Y}</span>' in html
    # Fewer columns than before: the published time sits under the state.
    assert "column-published_at" not in html and "column-is_featured" not in html


def test_title_and_sapo_carry_their_recommended_lengths(client, editor, reporter):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    title = re.search(r'<input[^>]*id="id_title"[^>]*>', html).group(0)
    sapo = re.search(r'<textarea[^>]*id="id_sapo"[^>]*>', html).group(0)
    assert 'data-counter="70-100"' in title and 'data-counter="160-300"' in sapo
    assert "js/article-form.js" in html
    config = json.loads(re.search(r'id="article-desk"[^>]*>(.*?)</script>', html).group(1))
    assert config["counters"]["text"] == "%(count)s ký tự (nên %(min)s–%(max)s)"


def test_workflow_buttons_sit_in_a_sticky_bar(client, editor, reporter):
    article = ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert 'id="workflow-bar"' in html
    from pathlib import Path

    css = (Path(__file__).parents[2] / "static/css/admin-newsroom.css").read_text()
    rule = css.split(".submit-row.workflow-buttons {", 1)[1].split("}", 1)[0]
    assert "position: sticky" in rule and "bottom: 0" in rule
