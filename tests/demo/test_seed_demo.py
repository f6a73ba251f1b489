import io
import re
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.validators import URLValidator
from django.db.models import F
from django.utils import timezone, translation
from PIL import Image as PILImage

from articles.models import Article, ArticleRevision, ArticleTransition, RelatedArticle
from articles.roles import EDITORS, REPORTERS
from authors.models import Author
from demo import seed as demo
from media.models import Image
from sections.models import Section

PASSWORD = "demo-pass-2468"
MENU = [
    ("Công đoàn", "cong-doan"),
    ("Xã hội", "xa-hoi"),
    ("Pháp luật", "phap-luat"),
    ("Kinh tế", "kinh-te"),
    ("Văn hóa", "van-hoa"),
    ("Giáo dục", "giao-duc"),
    ("Thể thao", "the-thao"),
    ("Giao thông", "giao-thong"),
]


@pytest.fixture(autouse=True)
def development(settings):
    """The demo's default password is for development servers only."""
    settings.DEBUG = True


def seed(**options):
    out = io.StringIO()
    with translation.override("en"):
        call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed(articles=12, password=PASSWORD)


def published():
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def media_files(root):
    return {str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file()}


def snapshot(root):
    return {
        "counts": {
            model._meta.label: model._default_manager.count() for model in apps.get_models()
        },
        "files": media_files(root),
        "articles": dict(Article.objects.values_list("pk", "updated_at")),
        "passwords": dict(get_user_model().objects.values_list("username", "password")),
    }


def is_nfc(text):
    return unicodedata.is_normalized("NFC", text)


def test_sections_are_created_in_menu_order(seeded):
    top = list(Section.objects.filter(parent=None))
    assert [(s.name, s.slug) for s in top] == MENU
    assert all(s.is_active and s.show_on_home and s.description for s in top)
    reader = Section.objects.get(slug="ban-doc")
    assert reader.name == "Bạn đọc"
    assert reader.parent.slug == "xa-hoi"
    assert Section.objects.exclude(parent=None).count() == 2


def test_authors_have_initials_as_byline(seeded):
    authors = list(Author.objects.all())
    assert len(authors) == 6
    for author in authors:
        assert author.byline == ".".join(word[0] for word in author.name.split())
        assert author.bio
    assert Author.objects.get(byline="B.D").name == "Bảo Dương"


def test_staff_accounts_have_roles_and_the_given_password(seeded):
    user_model = get_user_model()
    reporter = user_model.objects.get(username="reporter")
    editor = user_model.objects.get(username="editor")
    admin = user_model.objects.get(username="admin")
    assert list(reporter.groups.values_list("name", flat=True)) == [REPORTERS]
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]
    assert reporter.is_staff and not reporter.is_superuser
    assert editor.is_staff and not editor.is_superuser
    assert admin.is_staff and admin.is_superuser
    assert reporter.email == "reporter@example.com"
    assert reporter.author_profile.byline == "M.Q"
    assert editor.author_profile.byline == "T.H"
    for username in ("reporter", "editor", "admin"):
        assert authenticate(username=username, password=PASSWORD) is not None
        assert authenticate(username=username, password="wrong-password") is None


def test_published_articles_are_past_complete_and_have_covers_on_disk(seeded, media_root):
    now = timezone.now()
    articles = list(published().prefetch_related("article_authors__author"))
    assert len(articles) == 12
    assert len({a.title for a in Article.objects.all()}) == Article.objects.count()
    assert any(a.section.parent_id for a in articles)
    assert any(a.is_featured for a in articles)
    for article in articles:
        assert now - timedelta(days=31) < article.published_at <= now
        assert settings.SOURCE_TAG not in article.sapo
        assert all(is_nfc(text) for text in (article.title, article.sapo, article.body))
        URLValidator()(article.source_url)
        outside_quotes = re.sub(r"<blockquote>.*?</blockquote>", "", article.body, flags=re.S)
        assert 3 <= outside_quotes.count("<p>") <= 7  # an update adds a paragraph
        assert 2 <= len(article.tags.all()) <= 4
        assert 1 <= len(article.ordered_authors) <= 2
    with_cover = [a for a in articles if a.cover_image_id]
    assert len(with_cover) >= len(articles) - 2
    for article in with_cover:
        image = article.cover_image
        path = Path(image.file.path)
        assert path.is_file()
        assert media_root in path.parents
        assert (image.width, image.height) == (1600, 900)
        with PILImage.open(path) as picture:
            assert picture.format == "JPEG"
        assert article.cover_caption
        assert image.credit.startswith("Ảnh: ")
        assert image.alt_text


def test_reporter_has_drafts_pending_and_returned_work(seeded):
    reporter = get_user_model().objects.get(username="reporter")
    work = Article.objects.exclude(status=Article.Status.PUBLISHED)
    assert work.filter(status=Article.Status.DRAFT).count() == 3
    assert work.filter(status=Article.Status.PENDING).count() == 3
    assert work.filter(status=Article.Status.RETURNED).count() == 1
    for article in work:
        assert article.created_by == reporter
        assert article.ordered_authors == [reporter.author_profile]
        assert article.published_at is None
    returned = ArticleTransition.objects.get(to_status=Article.Status.RETURNED)
    assert returned.actor.username == "editor"
    assert returned.note


def test_every_article_went_through_the_workflow(seeded):
    for article in Article.objects.all():
        latest = article.revisions.first()
        assert latest.version == article.version
        assert latest.status == article.status
        assert sorted(latest.content["tags"]) == sorted(article.tags.names())
        assert article.transitions.first().to_status == article.status
    published_by = ArticleTransition.objects.filter(to_status=Article.Status.PUBLISHED)
    assert set(published_by.values_list("actor__username", flat=True)) == {"editor"}
    assert ArticleRevision.objects.count() >= Article.objects.count()


def test_editor_picked_related_articles_share_the_section(seeded):
    links = list(RelatedArticle.objects.select_related("from_article", "to_article"))
    assert links
    for link in links:
        assert link.from_article.section_id == link.to_article.section_id
        assert link.to_article.status == Article.Status.PUBLISHED


def test_second_run_changes_nothing(seeded, media_root):
    before = snapshot(media_root)
    assert before["files"]

    out = seed(articles=12, password=PASSWORD)

    assert snapshot(media_root) == before
    assert "Articles: 0 created, 19 already present" in out
    assert "Cover images drawn: 0" in out


def test_other_password_resets_only_the_demo_accounts(seeded, media_root):
    before = snapshot(media_root)

    seed(articles=12, password="another-pass-1357")

    after = snapshot(media_root)
    assert after["counts"] == before["counts"]
    assert after["articles"] == before["articles"]
    assert authenticate(username="editor", password="another-pass-1357") is not None
    assert authenticate(username="editor", password=PASSWORD) is None


def test_more_articles_later_adds_only_the_missing_ones(seeded):
    first = dict(Article.objects.values_list("source_url", "updated_at"))

    seed(articles=14, password=PASSWORD)

    assert published().count() == 14
    after = dict(Article.objects.values_list("source_url", "updated_at"))
    assert {key: after[key] for key in first} == first


def test_default_run_seeds_weeks_of_articles_across_every_section(db, client):
    out = seed()  # the slowest thing here: one run checked for everything it promises
    assert "Site settings: 1 created" in out
    articles = published()
    assert articles.count() == demo.DEFAULT_ARTICLES >= 200
    assert 20 <= articles.filter(is_featured=True).count() <= 40
    assert articles.exclude(cover_image=None).count() >= 200
    assert not Section.objects.filter(articles=None).exists()
    assert Article.objects.values("title").distinct().count() == Article.objects.count()
    oldest = articles.order_by("published_at").first().published_at
    assert timezone.now() - oldest > timedelta(days=28)  # several weeks
    assert authenticate(username="admin", password=demo.DEFAULT_PASSWORD) is not None
    # Covers and inline photos come from each section's small photo library.
    assert Image.objects.count() == Section.objects.count() * demo.PHOTOS_PER_SECTION

    # Every section has a second page (a lead and 20 a page).
    for section in Section.objects.filter(is_active=True):
        response = client.get(section.get_absolute_url() + "?page=2")
        assert response.status_code == 200, section.slug
        assert 'class="item"' in response.content.decode(), section.slug

    # Published in newsroom hours, by the section's own reporters.
    for article in articles.select_related("section"):
        local = timezone.localtime(article.published_at)
        assert demo.DAY_START <= local.hour + local.minute / 60 <= demo.DAY_END, local
        first = article.ordered_authors[0].name
        assert first in demo.BEATS[article.section.slug], (article.section.slug, first)

    # About a third carry a captioned photo in the text, linked to its body rendition.
    bodies = list(articles.values_list("body", flat=True))
    with_photos = [body for body in bodies if "<figure" in body]
    assert 0.25 <= len(with_photos) / len(bodies) <= 0.4
    for body in with_photos:
        figure = re.search(r"<figure[^>]*>(.*?)</figure>", body, re.S).group(1)
        assert re.search(r'<img src="/media/renditions/[^"]+/article-960\.jpg" alt="[^"]+"', figure)
        assert re.search(r"<figcaption>[^<]+\(Ảnh: [^)]+\)</figcaption>", figure)

    # Several were updated after publication, one carries a correction.
    updated = articles.filter(revised_at__gt=F("published_at"))
    assert 5 <= updated.count() <= 40
    assert not articles.filter(revised_at__gt=timezone.now()).exists()
    corrected = articles.filter(body__contains="Đính chính:")
    assert corrected.count() == 1
    html = client.get(corrected.get().get_absolute_url()).content.decode()
    assert "Cập nhật" in html and "Đính chính:" in html

    # The legal footer is filled in.
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert "Cơ quan chủ quản" in footer and "Giấy phép hoạt động báo điện tử số" in footer
    assert "Tổng biên tập" in footer


def test_failed_run_leaves_no_rows_and_no_files(db, media_root, monkeypatch):
    def fail(plan):
        if plan.number == 3:
            raise RuntimeError("disk full")
        return list(plan.story.tags)

    monkeypatch.setattr(demo, "_tags", fail)

    with pytest.raises(RuntimeError):
        seed(articles=5)

    assert not Article.objects.exists()
    assert not Image.objects.exists()
    assert not Section.objects.exists()
    assert media_files(media_root) == set()


def test_negative_article_count_is_refused(db):
    with pytest.raises(CommandError):
        seed(articles=-1)
    assert not Article.objects.exists()


def test_plan_titles_stay_unique_for_long_runs():
    titles = [plan.title for plan in demo.published_plan(400)]
    titles += [plan.title for plan in demo.work_in_progress_plan()]
    assert len(set(titles)) == len(titles)
    assert all(is_nfc(title) for title in titles)


def test_covers_are_reproducible():
    colors = demo.SECTIONS[0].colors
    assert demo.draw_cover(7, colors) == demo.draw_cover(7, colors)
    assert demo.draw_cover(7, colors) != demo.draw_cover(8, colors)


@pytest.mark.django_db
def test_default_password_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        seed(articles=1)
    assert not get_user_model().objects.exists()
    seed(articles=1, password="mat-khau-rieng")
    assert get_user_model().objects.get(username="admin").check_password("mat-khau-rieng")
