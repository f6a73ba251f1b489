"""Who is editing: heartbeats in the shared cache, gone within a minute of the last one,
the JSON endpoints (staff, CSRF-protected POST), and a failing cache shows nobody."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from articles import presence
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory, role_group

S = Article.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(db):
    user = UserFactory(username="lan", first_name="Lan", last_name="Nguyễn")
    user.groups.add(role_group("Biên tập viên"))
    return user


@pytest.fixture
def article(reporter):
    return ArticleFactory(status=S.PENDING, published_at=None, created_by=reporter)


def test_a_beat_shows_the_editor_until_it_expires(lan, editor, article):
    presence.beat(article.pk, lan, "tab1", now=1000.0)
    found = presence.editors([article.pk], now=1010.0)[article.pk]
    assert [(e["name"], e["since"]) for e in found] == [("Lan Nguyễn", 1000.0)]
    presence.beat(article.pk, lan, "tab1", now=1015.0)  # since stays the first beat
    assert presence.editors([article.pk], now=1020.0)[article.pk][0]["since"] == 1000.0
    assert presence.editors([article.pk], now=1015.0 + presence.EXPIRES - 1)
    assert presence.editors([article.pk], now=1015.0 + presence.EXPIRES) == {}
    assert presence.EXPIRES + presence.HEARTBEAT <= 60  # gone within a minute of the tab


def test_leaving_removes_the_tab_and_one_person_shows_once(lan, editor, article):
    presence.beat(article.pk, lan, "tab1", now=1000.0)
    presence.beat(article.pk, lan, "tab2", now=1005.0)
    presence.beat(article.pk, editor, "x", now=1006.0)
    found = presence.editors([article.pk], exclude_user=editor, now=1007.0)[article.pk]
    assert [e["name"] for e in found] == ["Lan Nguyễn"]
    presence.leave(article.pk, lan, "tab1", now=1008.0)
    assert presence.editors([article.pk], exclude_user=editor, now=1009.0)[article.pk]
    presence.leave(article.pk, lan, "tab2", now=1009.0)
    assert presence.editors([article.pk], exclude_user=editor, now=1010.0) == {}


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("redis is down")

    get_many = set = get


def test_a_failing_cache_shows_nobody_and_raises_nothing(monkeypatch, lan, article, client):
    monkeypatch.setattr(presence, "cache", BrokenCache())
    presence.beat(article.pk, lan, "tab1")
    presence.leave(article.pk, lan, "tab1")
    assert presence.editors([article.pk]) == {}
    client.force_login(lan)
    url = reverse("admin:articles_article_presence", args=[article.pk])
    response = client.post(url, {"tab": "abc"})
    assert response.status_code == 200 and response.json()["editors"] == []
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert listing.status_code == 200


def test_heartbeat_endpoint_records_and_lists_the_others(client, lan, editor, article):
    url = reverse("admin:articles_article_presence", args=[article.pk])
    client.force_login(lan)
    assert client.post(url, {"tab": "lan-tab"}).json()["editors"] == []
    client.force_login(editor)
    data = client.post(url, {"tab": "editor-tab"}).json()
    assert [e["name"] for e in data["editors"]] == ["Lan Nguyễn"]
    assert data["editors"][0]["text"].startswith("Lan Nguyễn đang sửa bài này, từ ")
    assert data["heartbeat"] == presence.HEARTBEAT
    # The form and the list show it, rendered by the server too.
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Lan Nguyễn đang sửa bài này, từ" in form.content.decode()
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'data-presence-for="{article.pk}"><span class="presence-cell__person">' in listing
    found = client.get(reverse("admin:articles_article_presence_list"), {"ids": str(article.pk)})
    assert [e["name"] for e in found.json()["articles"][str(article.pk)]] == ["Lan Nguyễn"]
    # Leaving (sendBeacon) removes it.
    client.force_login(lan)
    leave = reverse("admin:articles_article_presence_leave", args=[article.pk])
    assert client.post(leave, {"tab": "lan-tab"}).status_code == 204
    client.force_login(editor)
    assert client.post(url, {"tab": "editor-tab"}).json()["editors"] == []


def test_reading_without_edit_rights_is_not_editing(client, reporter, editor, article):
    # The reporter's own article under review: they may read it, not change it.
    client.force_login(reporter)
    url = reverse("admin:articles_article_presence", args=[article.pk])
    assert client.post(url, {"tab": "r"}).status_code == 200
    assert presence.editors([article.pk]) == {}


def test_endpoints_refuse_what_they_must(client, reporter, editor, outsider, article):
    url = reverse("admin:articles_article_presence", args=[article.pk])
    assert client.post(url, {"tab": "a"}).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.post(url, {"tab": "a"}).status_code == 302
    client.force_login(editor)
    assert client.get(url).status_code == 405
    assert client.post(url, {"tab": "no spaces <>"}).status_code == 400
    missing = reverse("admin:articles_article_presence", args=[999999])
    assert client.post(missing, {"tab": "a"}).status_code == 404
    # Another reporter's draft: not even who is editing it.
    other = UserFactory(username="reporter2")
    other.groups.add(role_group("Phóng viên"))
    theirs = ArticleFactory(status=S.DRAFT, published_at=None, created_by=other)
    presence.beat(theirs.pk, other, "t")
    client.force_login(reporter)
    hidden = reverse("admin:articles_article_presence", args=[theirs.pk])
    assert client.post(hidden, {"tab": "a"}).status_code == 403
    listed = client.get(reverse("admin:articles_article_presence_list"), {"ids": f"{theirs.pk},x"})
    assert listed.json() == {"articles": {}}
    # CSRF: a POST without the token is refused (the browser sends it).
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(url, {"tab": "a"}).status_code == 403


def test_form_config_carries_the_presence_urls(client, editor, article):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    script = html.decode().split('id="article-desk" type="application/json">')[1]
    config = json.loads(script.split("</script>")[0])
    assert config["presence"]["beat"].endswith(f"/{article.pk}/presence/")
    assert config["presence"]["every"] == presence.HEARTBEAT
    assert "js/presence.js" in html.decode()
