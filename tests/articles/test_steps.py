"""Withdrawal and restore ask first: withdrawal on its own page with a required reason
(logged and emailed to the creator), restore after showing what it changes."""

import pytest
from django.core import mail
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory

from .test_admin_workflow import change_url

S = Article.Status
pytestmark = pytest.mark.django_db


def withdraw_url(article):
    return reverse("admin:articles_article_withdraw", args=[article.pk])


@pytest.fixture
def live(reporter):
    return ArticleFactory(title="Bài đang đăng", created_by=reporter)


def test_withdraw_page_asks_for_a_reason(client, editor, live):
    client.force_login(editor)
    response = client.get(withdraw_url(live))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lý do gỡ bài" in html and live.get_absolute_url() in html
    assert Article.objects.get(pk=live.pk).status == S.PUBLISHED  # a GET changes nothing
    response = client.post(withdraw_url(live), {"reason": "  ", "base_version": live.version})
    assert response.status_code == 200
    assert "Hãy ghi lý do gỡ bài" in response.content.decode()
    assert Article.objects.get(pk=live.pk).status == S.PUBLISHED


def test_withdrawal_reason_is_logged_and_emailed_to_the_creator(
    client, editor, live, django_capture_on_commit_callbacks
):
    editor.first_name, editor.last_name = "Lan", "Nguyễn"
    editor.save()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            withdraw_url(live), {"reason": "Sai số liệu thống kê", "base_version": live.version}
        )
    assert response.status_code == 302 and response["Location"] == change_url(live)
    live.refresh_from_db()
    assert live.status == S.WITHDRAWN
    step = live.transitions.get()
    assert (step.to_status, step.note) == (S.WITHDRAWN, "Sai số liệu thống kê")
    sent = mail.outbox[-1]
    assert sent.to == [live.created_by.email]
    assert "Sai số liệu thống kê" in sent.body and "Lan Nguyễn" in sent.body
    assert client.get(live.get_absolute_url()).status_code == 410
    html = client.get(change_url(live)).content.decode()
    assert "Sai số liệu thống kê" in html  # in the workflow log


def test_withdraw_page_on_a_stale_version_asks_again(client, editor, live):
    opened = live.version
    live.title = "Đã sửa trong lúc đó"
    services.article_save(article=live, user=editor, base_version=opened)
    client.force_login(editor)
    response = client.post(withdraw_url(live), {"reason": "Trùng bài", "base_version": opened})
    assert response.status_code == 200
    html = response.content.decode()
    assert "editor" in html and f'value="{opened + 1}"' in html
    assert Article.objects.get(pk=live.pk).status == S.PUBLISHED


def test_withdraw_page_is_for_editors_and_live_articles(client, reporter, editor, live):
    client.force_login(reporter)
    assert client.get(withdraw_url(live)).status_code == 403
    assert client.post(withdraw_url(live), {"reason": "x"}).status_code == 403
    draft = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    client.force_login(editor)
    assert client.get(withdraw_url(draft)).status_code == 403
    assert client.get("/admin/articles/article/999999/withdraw/").status_code == 404
    assert Article.objects.get(pk=live.pk).status == S.PUBLISHED


def test_restore_asks_first_and_shows_what_changes(client, editor, reporter):
    article = ArticleFactory(status=S.DRAFT, published_at=None, created_by=reporter)
    article.title = "Tiêu đề cũ"
    services.article_save(article=article, user=reporter, base_version=article.version)
    article.title = "Tiêu đề mới"
    services.article_save(article=article, user=reporter, base_version=article.version)
    old = article.revisions.get(content__title="Tiêu đề cũ")
    url = reverse("admin:articles_article_restore", args=[article.pk, old.version])
    client.force_login(editor)
    history = client.get(reverse("admin:articles_article_revisions", args=[article.pk]))
    assert f'href="{url}"' in history.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<del>mới</del><ins>cũ</ins>" in html.replace(" ", "")
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề mới"  # a GET restores nothing
    response = client.post(url, {"base_version": article.version})
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề cũ"
