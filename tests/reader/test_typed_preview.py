"""Preview what is typed: the article form POSTs to a preview URL that renders the public
template from the unsaved form data (desktop and mobile) and writes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleRevision, Tag
from tests.articles.test_admin_workflow import form_data
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory, role_group

S = Article.Status
pytestmark = pytest.mark.django_db


def typed_url(article=None):
    if article is None:
        return reverse("admin:articles_article_add_typed_preview")
    return reverse("admin:articles_article_typed_preview", args=[article.pk])


@pytest.fixture
def draft(reporter):
    return ArticleFactory(
        title="Tiêu đề đã lưu", status=S.DRAFT, published_at=None, created_by=reporter
    )


def test_preview_shows_what_is_typed_and_saves_nothing(client, reporter, draft):
    Tag.objects.create(name="Công đoàn")
    author = AuthorFactory(name="Bảo Dương", byline="B.D")
    client.force_login(reporter)
    before = Article.objects.values().get(pk=draft.pk)
    data = form_data(
        draft,
        title="Tiêu đề đang gõ",
        body="<p>Đoạn mới <strong>chưa lưu</strong>.</p><script>x()</script>",
        tags="Công đoàn, Tết sum vầy",
        **{
            "article_authors-TOTAL_FORMS": 1,
            "article_authors-0-author": author.pk,
            "article_authors-0-position": 0,
        },
    )
    response = client.post(typed_url(draft) + "?view=desktop", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tiêu đề đang gõ" in html and "Tiêu đề đã lưu" not in html
    assert "<strong>chưa lưu</strong>" in html and "x()" not in html
    assert "Tết sum vầy" in html and "B.D" in html
    assert 'data-device="desktop"' in html and 'content="noindex' in html
    assert "no-cache" in response["Cache-Control"]
    assert Article.objects.values().get(pk=draft.pk) == before
    assert not ArticleRevision.objects.exists()
    assert not Tag.objects.filter(name="Tết sum vầy").exists()


def test_preview_on_mobile(client, editor, draft):
    client.force_login(editor)
    data = form_data(draft, editor=True, title="Bản gõ trên di động")
    html = client.post(typed_url(draft) + "?view=mobile", data).content.decode()
    assert 'data-device="mobile"' in html and "Bản gõ trên di động" in html


def test_preview_of_a_new_article(client, reporter):
    section = SectionFactory(name="Xã hội")
    client.force_login(reporter)
    data = {
        "title": "Bài mới chưa lưu",
        "sapo": "Sapo bài mới.",
        "body": "<p>Thân bài.</p>",
        "section": section.pk,
        "article_authors-TOTAL_FORMS": 0,
    }
    response = client.post(typed_url(), data)
    assert response.status_code == 200
    assert "Bài mới chưa lưu" in response.content.decode()
    assert not Article.objects.exists()
    # Without a section there is nothing to lay out yet: said so, not a 500.
    response = client.post(typed_url(), {**data, "section": ""})
    assert response.status_code == 200
    assert "Hãy chọn chuyên mục" in response.content.decode()


def test_preview_is_for_those_who_may_edit(client, reporter, outsider, draft):
    data = form_data(draft)
    assert client.post(typed_url(draft), data).status_code == 404
    client.force_login(outsider)
    assert client.post(typed_url(draft), data).status_code == 404
    other = UserFactory(username="reporter2")
    other.groups.add(role_group("Phóng viên"))
    client.force_login(other)
    assert client.post(typed_url(draft), data).status_code == 404
    client.force_login(reporter)
    assert client.get(typed_url(draft)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reporter)
    assert strict.post(typed_url(draft), data).status_code == 403


def test_the_form_offers_the_typed_preview(client, reporter, draft):
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert f'formaction="{typed_url(draft)}?view=mobile" formtarget="_blank"' in html
    assert "Xem trước bản đang gõ:" in html
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'formaction="{typed_url()}?view=desktop"' in html
