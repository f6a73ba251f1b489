"""import_wxr: a WordPress export (WXR 1.2, as WordPress writes it) imported, imported
again, and its old addresses answered with a 301."""

import importlib
import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.apps import apps as live_apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles.models import Article, source_path_of
from media.models import Image, Rendition
from sections.models import Section
from tests.factories import ArticleFactory, image_bytes

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "wordpress-export.xml"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def export(tmp_path):
    """The export beside a copy of wp-content/uploads with its two photos."""
    shutil.copy(FIXTURE, tmp_path / "export.xml")
    folder = tmp_path / "uploads" / "2024" / "01"
    folder.mkdir(parents=True)
    (folder / "hoi-nghi-cong-doan.jpg").write_bytes(
        image_bytes(size=(1600, 900), color=(180, 40, 40))
    )
    (folder / "tet-sum-vay.jpg").write_bytes(image_bytes(size=(1600, 900), color=(30, 120, 200)))
    return tmp_path / "export.xml"


@pytest.fixture
def imported(export, django_capture_on_commit_callbacks):
    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_wxr", str(export), *args, stdout=out, stderr=err)
        return out.getvalue()

    return run


def test_wordpress_export_round_trip(imported, client, settings):
    settings.SOURCE_TAG = "(LĐTĐ)"
    out = imported()

    # Three posts (two published, one draft); the page is skipped, attachments are photos.
    assert "3 created, 0 updated, 1 skipped, 0 rejected; photos: 2 new, 1 reused" in out
    assert Article.objects.count() == 3
    tet = Article.objects.get(title="Công đoàn Thủ đô chăm lo Tết cho người lao động")
    meeting = Article.objects.get(title="Khai mạc hội nghị người lao động năm 2024")
    draft = Article.objects.get(title="Bản nháp: kế hoạch tháng công nhân")

    # Categories: the tree kept (two levels; a third-level category joins its parent).
    root = Section.objects.get(name="Công đoàn", parent=None)
    assert tet.section.name == "Chăm lo đoàn viên" and tet.section.parent == root
    assert meeting.section == tet.section
    assert draft.section.name == "Thời sự" and draft.section.parent is None
    # Tags, the author's display name as byline, dates from post_date_gmt.
    assert sorted(tet.tags.names()) == ["Tết", "người lao động"]
    assert [a.byline for a in tet.ordered_authors] == ["Nguyễn Hạnh"]
    assert [a.byline for a in meeting.ordered_authors] == ["Bảo Dương"]
    assert tet.published_at == datetime(2024, 1, 28, 3, 30, tzinfo=UTC)
    assert (tet.status, meeting.status) == ("published", "published")
    assert (draft.status, draft.published_at) == ("draft", None)
    # Sapos: the excerpt, else the teaser before <!--more--> (the paper's tag stripped).
    assert meeting.sapo == "Hội nghị người lao động năm 2024 khai mạc với hơn 300 đại biểu."
    assert tet.sapo.startswith("Sáng 28/1, Liên đoàn Lao động thành phố")
    # No <!--more--> nor Gutenberg block comments; classic text made paragraphs.
    for article in (tet, meeting, draft):
        assert "<!--" not in article.body and "wp:" not in article.body
    assert meeting.body.startswith("<p>Sáng nay, hội nghị")
    assert "<p>Hơn 300 đại biểu tham dự.<br>Hội nghị kéo dài hai ngày.</p>" in meeting.body

    # Photos: the featured images and the inline one are library images, by hash: the
    # inline photo of one post is the featured photo of the other, one Image.
    assert Image.objects.count() == 2
    assert tet.cover_image.file.name != meeting.cover_image.file.name
    inline = meeting.cover_image
    rendition = Rendition.objects.get(image=inline, spec="article-960.jpg")
    assert f'src="{rendition.file.url}"' in tet.body
    assert "baocu.example.vn" not in tet.body and "srcset" not in tet.body
    assert 'alt="Đoàn viên nhận quà Tết"' in tet.body

    # Old addresses: a 301 to the new article, which answers 200.
    assert tet.source_url == "https://baocu.example.vn/2024/01/28/cong-doan-thu-do-cham-lo-tet/"
    response = client.get("/2024/01/28/cong-doan-thu-do-cham-lo-tet/")
    assert response.status_code == 301
    assert response["Location"] == tet.get_absolute_url()
    assert client.get("/2024/01/28/cong-doan-thu-do-cham-lo-tet").status_code == 301
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "(LĐTĐ) Sáng 28/1" in page.content.decode()
    assert client.get("/2024/01/28/khong-co-bai-nay/").status_code == 404
    assert client.post("/2024/01/28/cong-doan-thu-do-cham-lo-tet/").status_code != 301

    # Imported again: nothing new, nothing duplicated, no photo stored twice.
    files = sorted(Image.objects.values_list("file", flat=True))
    again = imported()
    assert "0 created, 0 updated, 4 skipped, 0 rejected; photos: 0 new, 3 reused" in again
    assert Article.objects.count() == 3
    assert sorted(Image.objects.values_list("file", flat=True)) == files


def test_a_draft_old_address_does_not_redirect(imported, client):
    imported()
    draft = Article.objects.get(status="draft")
    assert draft.source_path == "/?p=103"
    draft.source_path = "/ban-nhap-cu"
    draft.save()
    assert client.get("/ban-nhap-cu/").status_code == 404


def test_missing_featured_photo_rejects_the_post_with_its_item_number(export, imported):
    (export.parent / "uploads" / "2024" / "01" / "hoi-nghi-cong-doan.jpg").unlink()
    with pytest.raises(CommandError):
        imported("--errors", str(export.parent / "loi.jsonl"))
    errors = (export.parent / "loi.jsonl").read_text(encoding="utf-8")
    assert '"line": 1' in errors and "image file not found" in errors
    assert Article.objects.count() == 2


def test_not_an_export_is_a_clear_error(tmp_path):
    path = tmp_path / "hong.xml"
    path.write_text("<rss><channel><item><title>thiếu thẻ đóng", encoding="utf-8")
    with pytest.raises(CommandError, match="Not a readable WordPress export"):
        call_command("import_wxr", str(path), stdout=io.StringIO())


def test_static_and_media_404s_do_not_look_for_old_articles(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/static/khong-co.css").status_code == 404
        assert client.get("/media/khong-co.jpg").status_code == 404
    assert not [q for q in queries.captured_queries if "source_path" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/bai-cu-khong-co/").status_code == 404
    assert [q for q in queries.captured_queries if "source_path" in q["sql"]]


def test_migration_fills_source_paths_of_a_stored_archive_in_batches(monkeypatch):
    """Articles imported before source_path existed get it from their source_url (the
    same path the redirect looks up), batch after batch."""
    migration = importlib.import_module("articles.migrations.0010_article_source_path")
    monkeypatch.setattr(migration, "BATCH", 2)  # several batches and a partial last one
    urls = [
        "https://old.example/thoi-su/tin-moi-1.html",
        "http://old.example/2019/05/bai-viet/",
        "https://old.example/?p=123",
        "https://old.example/cong-doan/hoi-nghi.html?ref=rss#top",
        None,
    ]
    articles = [ArticleFactory() for _ in urls]
    for article, url in zip(articles, urls, strict=True):
        Article.objects.filter(pk=article.pk).update(source_url=url, source_path="")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.fill(live_apps, editor)

    stored = dict(Article.objects.values_list("pk", "source_path"))
    for article, url in zip(articles, urls, strict=True):
        expected = source_path_of(url) if url else ""
        assert stored[article.pk] == expected
    assert stored[articles[0].pk] == "/thoi-su/tin-moi-1.html"
    assert stored[articles[3].pk] == "/cong-doan/hoi-nghi.html?ref=rss"
