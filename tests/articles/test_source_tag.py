"""The paper's tag once: stripped from a sapo on every save and import, added by the
page, the feeds, OpenGraph and JSON-LD exactly once."""

import importlib
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps

from articles import services
from articles.models import Article
from core.text import strip_source_tag
from tests.factories import ArticleFactory, SectionFactory

from .test_admin_workflow import change_url, form_data

pytestmark = pytest.mark.django_db

REAL_SAPO = (
    "(LĐTĐ) Chiều 16/8, Tổng Liên đoàn Lao động (LĐLĐ) Việt Nam đã tổ chức nghiệm thu "
    "đề tài khoa học cấp Tổng Liên đoàn."
)
CLEAN = REAL_SAPO.removeprefix("(LĐTĐ) ")


@pytest.fixture(autouse=True)
def source_tag(settings):
    settings.SOURCE_TAG = "(LĐTĐ)"


@pytest.mark.parametrize(
    "typed",
    [
        REAL_SAPO,
        "(LĐTĐ) - " + CLEAN,
        "(LĐTĐ)- " + CLEAN,
        "(LĐTĐ)-" + CLEAN,
        "LĐTĐ - " + CLEAN,
        "LĐTĐ – " + CLEAN,
        "\u00a0(LĐTĐ)\u00a0" + CLEAN,
        "  \t(LĐTĐ)  \n " + CLEAN,
        "( LĐTĐ ) " + CLEAN,
        "(lđtđ) " + CLEAN,
        "(LĐTĐ) (LĐTĐ) " + CLEAN,
        "(LĐTĐ) - (LĐTĐ) " + CLEAN,
        CLEAN,
    ],
)
def test_every_variant_of_the_tag_is_stripped(typed):
    assert strip_source_tag(typed, "(LĐTĐ)") == CLEAN


@pytest.mark.parametrize(
    "kept",
    [
        "LĐTĐ tổ chức hội nghị",  # the name as a word, no dash: not a tag
        "Chiều 16/8 (LĐTĐ) tổ chức",  # not at the start
        "(LĐLĐ) Việt Nam",  # another tag
    ],
)
def test_text_without_a_leading_tag_is_kept(kept):
    assert strip_source_tag(kept, "(LĐTĐ)") == kept


def test_another_papers_tag_comes_from_the_setting(settings):
    settings.SOURCE_TAG = "(TTXVN)"
    article = ArticleFactory(sapo="(TTXVN) - Sáng nay, " + CLEAN)
    assert article.sapo == "Sáng nay, " + CLEAN
    assert ArticleFactory(sapo=REAL_SAPO).sapo == REAL_SAPO


def test_model_save_strips_the_tag(reporter):
    article = ArticleFactory.build(sapo=REAL_SAPO, section=SectionFactory())
    services.article_save(article=article, user=reporter)
    assert Article.objects.get(pk=article.pk).sapo == CLEAN


def test_reporter_pasting_the_tag_in_the_admin_form(client, reporter):
    article = ArticleFactory(created_by=reporter, status=Article.Status.DRAFT, published_at=None)
    client.force_login(reporter)
    response = client.post(change_url(article), form_data(article, sapo=REAL_SAPO))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.sapo == CLEAN
    # The revision keeps what was stored, not what was typed.
    assert article.revisions.get(version=article.version).content["sapo"] == CLEAN


def test_page_feed_opengraph_and_json_ld_show_the_tag_once(client):
    article = ArticleFactory(sapo="(LĐTĐ) (LĐTĐ) " + CLEAN)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("(LĐTĐ) (LĐTĐ)") == 0
    assert '<p class="article__sapo">(LĐTĐ) Chiều 16/8' in html
    description = re.search(r'<meta property="og:description" content="([^"]*)"', html)
    assert description.group(1).startswith("(LĐTĐ) Chiều 16/8")
    assert description.group(1).count("LĐTĐ") == 1
    ld = json.loads(re.search(r'type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert ld["description"].startswith("(LĐTĐ) Chiều 16/8")
    assert ld["description"].count("LĐTĐ") == 1

    feed = client.get("/rss/home.rss").content
    item = ET.fromstring(feed).find("channel/item")
    assert item.findtext("description").startswith("(LĐTĐ) Chiều 16/8")
    assert item.findtext("description").count("LĐTĐ") == 1


def test_migration_strips_sapos_stored_before():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(sapo=REAL_SAPO)  # as stored before
    migration = importlib.import_module("articles.migrations.0008_strip_source_tag_from_sapos")
    migration.strip_tags(apps, None)
    assert Article.objects.get(pk=article.pk).sapo == CLEAN
