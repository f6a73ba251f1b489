"""What the form tells its autosave script: the key of the browser copy (per user, per
article, "new" for the add form) and, once, the copies a save has made obsolete."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

from .test_admin_workflow import change_url, form_data

pytestmark = pytest.mark.django_db


def desk(response):
    html = response.content.decode()
    return json.loads(re.search(r'id="article-desk"[^>]*>(.*?)</script>', html).group(1))


def test_keys_are_per_user_and_article(client, reporter, editor):
    draft = ArticleFactory(status="draft", published_at=None, created_by=reporter)
    client.force_login(reporter)
    config = desk(client.get(change_url(draft)))["autosave"]
    assert config["key"] == f"newsroom:autosave:{reporter.pk}:{draft.pk}"
    assert config["enabled"] and config["saved"] == []
    assert config["prompt"] == "Khôi phục bản chưa lưu lúc %(time)s?"
    add = desk(client.get(reverse("admin:articles_article_add")))["autosave"]
    assert add["key"] == f"newsroom:autosave:{reporter.pk}:new"
    client.force_login(editor)
    assert desk(client.get(change_url(draft)))["autosave"]["key"].startswith(
        f"newsroom:autosave:{editor.pk}:"
    )


def test_a_save_drops_the_copy_once(client, reporter):
    draft = ArticleFactory(status="draft", published_at=None, created_by=reporter)
    client.force_login(reporter)
    response = client.post(change_url(draft), form_data(draft, title="Đã lưu"), follow=True)
    key = f"newsroom:autosave:{reporter.pk}:{draft.pk}"
    assert desk(response)["autosave"]["saved"] == [key]
    assert desk(client.get(change_url(draft)))["autosave"]["saved"] == []


def test_the_first_save_of_a_new_article_drops_the_new_copy(client, reporter):
    section = SectionFactory()
    client.force_login(reporter)
    data = {
        "title": "Bài mới",
        "sapo": "Sapo.",
        "body": "<p>Thân bài.</p>",
        "section": section.pk,
        "tags": "",
        **{
            f"{p}-{k}": v
            for p in ("article_authors", "related_links")
            for k, v in {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            }.items()
        },
    }
    response = client.post(reverse("admin:articles_article_add"), data, follow=True)
    article = Article.objects.get()
    assert set(desk(response)["autosave"]["saved"]) == {
        f"newsroom:autosave:{reporter.pk}:{article.pk}",
        f"newsroom:autosave:{reporter.pk}:new",
    }


def test_a_refused_save_keeps_the_copy_and_says_it_was_posted(client, editor, reporter):
    pending = ArticleFactory(status="pending", published_at=None, created_by=reporter)
    client.force_login(editor)
    response = client.post(change_url(pending), form_data(pending, editor=True, _wf_return="1"))
    assert response.status_code == 200
    config = desk(response)
    assert config["posted"] is True and config["autosave"]["saved"] == []


def test_read_only_form_does_not_autosave(client, reporter):
    pending = ArticleFactory(status="pending", published_at=None, created_by=reporter)
    client.force_login(reporter)
    assert desk(client.get(change_url(pending)))["autosave"]["enabled"] is False
