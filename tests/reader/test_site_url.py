"""Absolute links follow the host the browser used in development (``make run PORT=…``)
and name SITE_URL in production: canonical, OpenGraph, JSON-LD, feeds, sitemaps, emails."""

import json
import re

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory

from articles.notifications import notify_published
from core.site import request_site_url, site_url
from reader.middleware import SiteUrlMiddleware
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

DEV_HOST = "127.0.0.1:8123"


@pytest.fixture
def article(django_user_model):
    creator = django_user_model.objects.create_user("pv", email="pv@example.vn")
    section = SectionFactory(name="Công đoàn", slug="cong-doan")
    return ArticleFactory(section=section, authors=[AuthorFactory()], created_by=creator)


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SITE_URL = "https://laodongthudo.example"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "laodongthudo.example"]


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]


def links_of(client, article):
    page = client.get(article.get_absolute_url(), HTTP_HOST=DEV_HOST).content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', page).group(1)
    ld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    feed = client.get("/rss/home.rss", HTTP_HOST=DEV_HOST).content.decode()
    sitemap = client.get("/sitemap-articles.xml", HTTP_HOST=DEV_HOST).content.decode()
    robots = client.get("/robots.txt", HTTP_HOST=DEV_HOST).content.decode()
    return {
        "canonical": canonical,
        "og:url": og_url,
        "json-ld": ld["url"],
        "publisher": ld["publisher"]["url"],
        "feed": re.search(r"<item><title>.*?<link>([^<]+)</link>", feed, re.S).group(1),
        "sitemap": re.search(r"<loc>([^<]+)</loc>", sitemap).group(1),
        "robots": re.search(r"Sitemap: (\S+)", robots).group(1),
    }


def email_link(article, host):
    """Publish's email, sent inside a request to host (as the admin sends it)."""
    request = RequestFactory().get("/", HTTP_HOST=host)
    mail.outbox.clear()

    def view(request):
        notify_published(article, actor=None)
        return HttpResponse()

    SiteUrlMiddleware(view)(request)
    return re.search(r"https?://\S+", mail.outbox[0].body).group(0)


def test_development_links_follow_the_request_host(client, article, development):
    for name, url in links_of(client, article).items():
        assert url.startswith(f"http://{DEV_HOST}/"), (name, url)
    assert email_link(article, DEV_HOST).startswith(f"http://{DEV_HOST}/")


def test_production_links_name_site_url(client, article, production):
    for name, url in links_of(client, article).items():
        assert url.startswith("https://laodongthudo.example/"), (name, url)
    assert email_link(article, "127.0.0.1").startswith("https://laodongthudo.example/")


def test_the_request_host_does_not_leak_past_the_request(client, article, development):
    client.get("/", HTTP_HOST=DEV_HOST)
    assert site_url() == "http://127.0.0.1:8000"


def test_a_host_outside_allowed_hosts_keeps_site_url(development):
    request = RequestFactory().get("/", HTTP_HOST="evil.example")
    assert request_site_url(request) is None
    assert request_site_url(RequestFactory().get("/", HTTP_HOST=DEV_HOST)) == f"http://{DEV_HOST}"
