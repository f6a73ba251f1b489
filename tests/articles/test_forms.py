"""The article form refuses bad values with a Vietnamese message and stores nothing."""

import pytest
from django.urls import reverse

from articles.models import Article, Tag
from core.sanitize import MAX_HTML_DEPTH
from tests.factories import ArticleFactory

from .test_admin_workflow import form_data

S = Article.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor):
    return ArticleFactory(status=S.DRAFT, published_at=None, created_by=editor)


def post(client, article, **overrides):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, form_data(article, editor=True, **overrides))


def refused(response, field):
    assert response.status_code == 200, response.status_code
    errors = response.context["adminform"].form.errors
    assert field in errors, errors
    return " ".join(errors[field])


@pytest.mark.parametrize(
    "date", ["01/01/0001", "31/12/9999", "01/01/1000", "00/00/0000", "32/13/2026", "1/1/-5"]
)
def test_publication_time_out_of_range_is_a_form_error(client, editor, draft, date):
    client.force_login(editor)
    before = Article.objects.values().get(pk=draft.pk)
    response = post(client, draft, published_at_0=date, published_at_1="10:00", _wf_publish="1")
    message = refused(response, "published_at")
    assert message and message.isascii() is False  # Vietnamese, with its letters
    assert Article.objects.values().get(pk=draft.pk) == before


def test_a_tag_longer_than_the_column_is_a_form_error(client, editor, draft):
    client.force_login(editor)
    response = post(client, draft, tags="Công đoàn, " + "đ" * 101)
    message = refused(response, "tags")
    assert "100" in message
    assert not Tag.objects.exists()
    assert draft.tags.count() == 0


def test_a_tag_of_exactly_100_characters_is_kept(client, editor, draft):
    client.force_login(editor)
    response = post(client, draft, tags="đ" * 100)
    assert response.status_code == 302
    assert [t.name for t in Article.objects.get(pk=draft.pk).tags.all()] == ["đ" * 100]


@pytest.mark.parametrize("depth", [MAX_HTML_DEPTH + 1, 40_000])
def test_a_body_nested_too_deeply_is_a_form_error(client, editor, draft, depth):
    client.force_login(editor)
    body = "<div>" * depth + "Nội dung" + "</div>" * depth
    message = refused(post(client, draft, body=body), "body")
    assert str(MAX_HTML_DEPTH) in message
    assert Article.objects.get(pk=draft.pk).body == draft.body
