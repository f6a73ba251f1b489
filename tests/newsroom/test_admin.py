"""Every admin changelist and add page answers 200 for the superuser, in Vietnamese."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

REGISTERED = [(model._meta.app_label, model._meta.model_name) for model in admin.site._registry]


@pytest.fixture
def content(db):
    author = AuthorFactory()
    ArticleFactory(authors=[author], tags=["Công đoàn"], cover_image=ImageFactory())


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_and_add_pages_answer_200(client, superuser, content, app_label, model_name):
    client.force_login(superuser)
    # The review queue (pending articles), the failed tasks and the login attempts
    # (django-axes) are read-only lists.
    read_only = {"pendingarticle", "failedtask", "accessattempt", "accesslog"}
    read_only.add("accessfailurelog")
    # The site settings are one row: the "list" opens it, nothing is added.
    singletons = {"sitesettings"}
    views = ("changelist",) if model_name in read_only | singletons else ("changelist", "add")
    for view in views:
        url = reverse(f"admin:{app_label}_{model_name}_{view}")
        response = client.get(url, follow=model_name in singletons)
        assert response.status_code == 200, (app_label, model_name, view)


def test_admin_speaks_vietnamese(client, superuser, content):
    client.force_login(superuser)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Bài viết" in html
    assert "Chuyên mục" in html
    assert "Trạng thái" in html


def test_article_change_page_has_editor_and_autocomplete(client, superuser, content):
    from articles.models import Article

    client.force_login(superuser)
    article = Article.objects.get()
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    html = html.decode()
    assert "ckeditor/ckeditor/ckeditor.js" in html
    assert "js/ckeditor-csrf.js" in html
    assert "admin-autocomplete" in html
    assert "data-suggest-url" in html


def test_tag_suggestions_come_from_admin_autocomplete(client, superuser, content):
    client.force_login(superuser)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "taggedarticle",
            "field_name": "tag",
            "term": "công",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Công đoàn"]


def test_admin_is_moved_by_admin_url_setting():
    import importlib

    from django.conf import settings
    from django.urls import clear_url_caches

    import newsroom.urls

    original = settings.ADMIN_URL
    try:
        settings.ADMIN_URL = "quan-tri/"
        clear_url_caches()
        importlib.reload(newsroom.urls)
        assert "quan-tri/" in [str(p.pattern) for p in newsroom.urls.urlpatterns]
    finally:
        settings.ADMIN_URL = original
        importlib.reload(newsroom.urls)
        clear_url_caches()
