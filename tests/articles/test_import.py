import io
import json
import unicodedata
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import translation

from articles import services
from articles.models import Article, ArticleRevision, Tag
from authors.models import Author
from media.models import Image
from sections.models import Section
from tests.factories import AuthorFactory, SectionFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the .po file translates."""
    with translation.override("en"):
        yield


@pytest.fixture
def archive(tmp_path):
    """The folder of the JSONL file, with a photo next to it."""
    folder = tmp_path / "archive"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "hoi-nghi.jpg").write_bytes(image_bytes())
    return folder


def article_line(**overrides):
    data = {
        "title": "Công đoàn Thủ đô chăm lo Tết cho người lao động",
        "sapo": "Chiều 16/8, hội nghị tổng kết công tác công đoàn đã diễn ra.",
        "body_html": "<p>Nội dung bài viết.</p>",
        "section": "Công đoàn",
        "tags": ["Công đoàn", "Tết"],
        "authors": ["B.D", "N.H"],
        "published_at": "2024-08-16T17:30:00+07:00",
        "featured": True,
        "source_url": "https://archive.example.vn/cong-doan/cham-lo-tet-1.html",
        "image": "images/hoi-nghi.jpg",
        "image_caption": "Quang cảnh hội nghị",
    }
    data.update(overrides)
    return json.dumps({key: value for key, value in data.items() if value is not None})


def write_jsonl(folder, *lines):
    path = folder / "bai-viet.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    """Run the command; return (stdout, stderr, whether it failed)."""
    out, err = io.StringIO(), io.StringIO()
    failed = False
    try:
        call_command("import_articles", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
        failed = True
    return out.getvalue(), err.getvalue(), failed


def media_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def db_counts():
    return {
        model.__name__: model.objects.count() for model in (Article, Image, Section, Author, Tag)
    }


def test_good_line_creates_article_with_everything(archive, media_root):
    AuthorFactory(name="Nguyễn Hà", byline="N.H")
    path = write_jsonl(archive, article_line())

    out, err, failed = run(path)

    assert not failed, err
    article = Article.objects.get()
    assert article.title == "Công đoàn Thủ đô chăm lo Tết cho người lao động"
    assert article.sapo.startswith("Chiều 16/8")
    assert article.body == "<p>Nội dung bài viết.</p>"
    assert article.section.name == "Công đoàn"
    assert article.section.slug == "cong-doan"
    assert sorted(article.tags.names()) == ["Công đoàn", "Tết"]
    assert [a.byline for a in article.ordered_authors] == ["B.D", "N.H"]
    assert article.ordered_authors[1].name == "Nguyễn Hà"  # existing author reused
    assert Author.objects.get(byline="B.D").name == "B.D"
    assert article.published_at == datetime(2024, 8, 16, 10, 30, tzinfo=UTC)
    assert article.status == Article.Status.PUBLISHED
    assert article.is_featured is True
    assert article.source_url == "https://archive.example.vn/cong-doan/cham-lo-tet-1.html"
    cover = article.cover_image
    assert cover.title == article.title
    assert cover.caption == "Quang cảnh hội nghị"
    assert (cover.width, cover.height) == (64, 36)
    assert article.cover_caption == "Quang cảnh hội nghị"
    assert media_files(media_root) == [media_root / cover.file.name]
    assert media_files(media_root)[0].read_bytes() == image_bytes()
    assert "1 created, 0 updated, 0 skipped, 0 rejected" in out


def test_defaults_for_optional_fields(archive):
    path = write_jsonl(
        archive,
        json.dumps({"title": "Tin ngắn", "section": "Xã hội", "status": "draft"}),
    )

    _, err, failed = run(path)

    assert not failed, err
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert article.is_featured is False
    assert article.cover_image is None
    assert article.source_url is None
    assert list(article.tags.names()) == []
    assert article.ordered_authors == []


def test_existing_section_is_found_case_insensitively_in_any_normal_form(archive):
    section = SectionFactory(name="Công đoàn")
    nfd_upper = unicodedata.normalize("NFD", "CÔNG ĐOÀN")
    path = write_jsonl(archive, article_line(section=nfd_upper, image=None))

    _, err, failed = run(path)

    assert not failed, err
    assert Article.objects.get().section == section
    assert Section.objects.count() == 1


BAD_LINES = [
    pytest.param('{"title": "Thiếu ngoặc"', "invalid JSON", id="invalid-json"),
    pytest.param('["a list"]', "expected a JSON object", id="not-an-object"),
    pytest.param(article_line(title=None), "missing or empty title", id="missing-title"),
    pytest.param(article_line(title="   "), "missing or empty title", id="empty-title"),
    pytest.param(article_line(published_at="16/08/2024 17:30"), "invalid date", id="bad-date"),
    pytest.param(
        article_line(published_at="2024-08-16T17:30:00"),
        'invalid date "2024-08-16T17:30:00": no UTC offset',
        id="no-offset",
    ),
    pytest.param(
        article_line(published_at=None), "published_at is required", id="published-no-date"
    ),
    pytest.param(article_line(status="pending"), "invalid status", id="bad-status"),
    pytest.param(article_line(tags="Công đoàn"), "tags must be a list", id="tags-not-list"),
    pytest.param(article_line(authors=[1, 2]), "authors must be a list", id="authors-not-str"),
    pytest.param(article_line(featured="yes"), "featured must be true or false", id="featured"),
    pytest.param(article_line(section=None), "missing or empty section", id="no-section"),
    pytest.param(article_line(source_url="not a url"), "invalid source_url", id="source-url"),
    pytest.param(article_line(title="x" * 301), "title is too long", id="long-title"),
    pytest.param(
        article_line(image="images/khong-co.jpg"), "image file not found", id="missing-image"
    ),
    pytest.param(article_line(image="images/ghi-chu.jpg"), "invalid image", id="text-as-jpg"),
    pytest.param(article_line(image="images"), "cannot read image file", id="image-is-dir"),
    pytest.param(
        article_line(published_at="0001-01-01T00:00:00+07:00"),
        "published_at must be between the years 1900 and 2100",
        id="year-0001",
    ),
    pytest.param(
        article_line(published_at="9999-12-31T23:59:59-12:00"),
        "published_at must be between the years 1900 and 2100",
        id="year-9999",
    ),
    pytest.param(
        article_line(body_html="<div>" * 40_000 + "x" + "</div>" * 40_000),
        "body_html: The content nests its elements too deeply",
        id="body-too-deep",
    ),
    pytest.param(
        article_line(body_html="<p>" + "x" * 1_000_001 + "</p>"),
        "body_html: The content is too long",
        id="body-too-long",
    ),
    pytest.param(article_line(tags=["đ" * 101]), "tags is too long", id="long-tag"),
    pytest.param(article_line(image="images/soi-chi.png"), "invalid image", id="1x100000-png"),
]


@pytest.mark.parametrize(("bad_line", "reason"), BAD_LINES)
def test_bad_line_is_reported_and_skipped(archive, media_root, bad_line, reason):
    (archive / "images" / "ghi-chu.jpg").write_text("không phải ảnh", encoding="utf-8")
    (archive / "images" / "soi-chi.png").write_bytes(image_bytes(size=(1, 100_000), fmt="PNG"))
    path = write_jsonl(
        archive,
        article_line(title="Bài một", source_url="https://archive.example.vn/1.html", image=None),
        bad_line,
        article_line(title="Bài ba", source_url="https://archive.example.vn/3.html", image=None),
    )

    out, err, failed = run(path)

    assert failed
    assert f"Line 2: {reason}" in err
    assert "Line 1" not in err
    assert "Line 3" not in err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Bài ba", "Bài một"]
    assert not Image.objects.exists()
    assert media_files(media_root) == []
    assert "2 created, 0 updated, 0 skipped, 1 rejected" in out
    assert "1 line could not be imported" in err


def test_blank_lines_are_ignored_but_counted_in_line_numbers(archive):
    path = archive / "bai-viet.jsonl"
    path.write_text(
        "\n".join(["", article_line(image=None), "   ", "{oops"]) + "\n", encoding="utf-8"
    )

    out, err, failed = run(path)

    assert failed
    assert "Line 4: invalid JSON" in err
    assert err.count("Line ") == 1
    assert "1 created, 0 updated, 0 skipped, 1 rejected" in out


def test_reimporting_the_same_file_is_idempotent(archive, media_root):
    path = write_jsonl(
        archive,
        article_line(),
        article_line(
            title="Bài thứ hai",
            source_url="https://archive.example.vn/xa-hoi/bai-2.html",
            section="Xã hội",
            tags=["công đoàn", "Lao động"],
            authors=["B.D", "T.L"],
        ),
    )
    run(path)
    before, files_before = db_counts(), media_files(media_root)
    covers_before = sorted(Article.objects.values_list("cover_image_id", flat=True))

    out, err, failed = run(path)

    assert not failed, err
    assert db_counts() == before
    # Both articles show the same photo: one library image.
    assert before == {"Article": 2, "Image": 1, "Section": 2, "Author": 3, "Tag": 3}
    assert media_files(media_root) == files_before
    assert sorted(Article.objects.values_list("cover_image_id", flat=True)) == covers_before
    # Unchanged articles are skipped: no new version, no new revision.
    assert "0 created, 0 updated, 2 skipped, 0 rejected" in out
    assert "photos: 0 new, 2 reused" in out
    assert set(Article.objects.values_list("version", flat=True)) == {1}
    assert ArticleRevision.objects.count() == 2


def test_lines_without_source_url_always_create(archive):
    path = write_jsonl(archive, article_line(source_url=None, image=None))

    run(path)
    out, _, _ = run(path)

    assert Article.objects.count() == 2
    assert "1 created, 0 updated, 0 skipped, 0 rejected" in out


def test_reimport_updates_changed_fields(archive, media_root):
    run(write_jsonl(archive, article_line()))
    (archive / "images" / "moi.png").write_bytes(image_bytes(color=(0, 90, 200), fmt="PNG"))
    changed = article_line(
        title="Tiêu đề đã sửa",
        sapo="Sapo mới.",
        body_html="<p>Thân bài mới.</p>",
        section="Xã hội",
        tags=["Lao động"],
        authors=["N.H", "B.D", "T.L"],
        published_at="2024-08-17T08:00:00+07:00",
        status="draft",
        featured=False,
        image="images/moi.png",
        image_caption="Ảnh mới",
    )

    out, err, failed = run(write_jsonl(archive, changed))

    assert not failed, err
    article = Article.objects.get()
    assert article.title == "Tiêu đề đã sửa"
    assert article.sapo == "Sapo mới."
    assert article.body == "<p>Thân bài mới.</p>"
    assert article.section.slug == "xa-hoi"
    assert list(article.tags.names()) == ["Lao động"]
    assert [a.byline for a in article.ordered_authors] == ["N.H", "B.D", "T.L"]
    assert article.published_at == datetime(2024, 8, 17, 1, 0, tzinfo=UTC)
    assert article.status == Article.Status.DRAFT
    assert article.is_featured is False
    assert article.cover_image.file.name.endswith(".png")
    assert article.cover_image.caption == "Ảnh mới"
    assert article.cover_caption == "Ảnh mới"
    assert "0 created, 1 updated, 0 skipped, 0 rejected" in out


def test_reimport_with_same_image_updates_caption_without_new_file(archive, media_root):
    run(write_jsonl(archive, article_line()))
    cover = Article.objects.get().cover_image

    run(write_jsonl(archive, article_line(image_caption="Chú thích sửa")))

    article = Article.objects.get()
    assert article.cover_image == cover
    # The caption is the article's; the library image (maybe shown elsewhere) keeps its own.
    assert article.cover_image.caption == "Quang cảnh hội nghị"
    assert article.cover_caption == "Chú thích sửa"
    assert Image.objects.count() == 1
    assert len(media_files(media_root)) == 1


def test_line_without_image_removes_the_cover(archive):
    run(write_jsonl(archive, article_line()))

    run(write_jsonl(archive, article_line(image=None, image_caption=None)))

    article = Article.objects.get()
    assert article.cover_image is None
    assert article.cover_caption == ""


def test_same_source_url_twice_in_one_file_updates(archive):
    path = write_jsonl(archive, article_line(image=None), article_line(title="Bản sau", image=None))

    out, _, _ = run(path)

    assert Article.objects.get().title == "Bản sau"
    assert "1 created, 1 updated, 0 skipped, 0 rejected" in out


def test_rejected_line_leaves_the_existing_article_unchanged(archive, media_root):
    run(write_jsonl(archive, article_line()))
    (archive / "images" / "hong.jpg").write_bytes(image_bytes()[:100])

    _, err, failed = run(write_jsonl(archive, article_line(title="Đổi", image="images/hong.jpg")))

    assert failed
    assert "Line 1: invalid image" in err
    assert Article.objects.get().title == "Công đoàn Thủ đô chăm lo Tết cho người lao động"
    assert Image.objects.count() == 1
    assert len(media_files(media_root)) == 1


def test_database_error_rolls_back_the_line_but_the_photo_stays_for_the_next_run(
    archive, media_root, monkeypatch
):
    real = services.article_import_batch

    def broken(entries):
        if any(e.fields["title"] == "Bài hỏng" for e in entries):
            raise IntegrityError("simulated")
        return real(entries)

    monkeypatch.setattr(services, "article_import_batch", broken)
    path = write_jsonl(
        archive,
        article_line(title="Bài một", source_url="https://archive.example.vn/1.html"),
        article_line(title="Bài hỏng", source_url="https://archive.example.vn/2.html"),
        article_line(title="Bài ba", source_url="https://archive.example.vn/3.html"),
    )

    out, err, failed = run(path)

    assert failed
    # The batch is written again line by line: only the refused line is lost.
    assert "Line 2: could not be saved (simulated)" in err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Bài ba", "Bài một"]
    assert not ArticleRevision.objects.filter(content__title="Bài hỏng").exists()
    # The tags, section and author the refused batch created are still there for the rest.
    assert sorted(Article.objects.get(title="Bài ba").tags.names()) == ["Công đoàn", "Tết"]
    assert [a.byline for a in Article.objects.get(title="Bài ba").ordered_authors] == ["B.D", "N.H"]
    # The photo is in the library once, its file stored once, reused by the next run.
    assert Image.objects.count() == 1 and len(media_files(media_root)) == 1
    monkeypatch.setattr(services, "article_import_batch", real)
    out, err, failed = run(path)
    assert not failed, err
    assert "1 created, 0 updated, 2 skipped, 0 rejected" in out
    assert Image.objects.count() == 1 and len(media_files(media_root)) == 1


def test_script_and_event_handlers_are_removed_from_the_body(archive):
    body = '<p>Tin</p><script>alert("x")</script><img src="/a.jpg" onerror="alert(1)">'
    run(write_jsonl(archive, article_line(body_html=body, image=None)))

    stored = Article.objects.get().body
    assert "<script" not in stored
    assert "alert" not in stored
    assert "onerror" not in stored
    assert "<p>Tin</p>" in stored


def test_decomposed_vietnamese_is_stored_nfc(archive):
    title = "Đổi mới công tác tuyên truyền"
    nfd = unicodedata.normalize("NFD", title)
    assert nfd != title
    path = write_jsonl(
        archive, article_line(title=nfd, tags=[unicodedata.normalize("NFD", "Tết")], image=None)
    )

    run(path)

    article = Article.objects.get()
    assert article.title == title
    assert list(article.tags.names()) == ["Tết"]


def test_dry_run_validates_but_writes_nothing(archive, media_root):
    path = write_jsonl(archive, article_line(), article_line(title=""))

    out, err, failed = run(path, "--dry-run")

    assert failed
    assert "Line 2: missing or empty title" in err
    assert "Dry run" in out
    assert "1 created, 0 updated, 0 skipped, 1 rejected" in out
    assert db_counts() == dict.fromkeys(db_counts(), 0)
    assert media_files(media_root) == []


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_shows_the_counts(archive):
    path = write_jsonl(archive, article_line(image=None), "{oops")
    err = FakeTerminal()

    with pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=io.StringIO(), stderr=err)

    assert "bai-viet.jsonl" in err.getvalue()
    assert "1 created, 0 updated, 0 skipped, 1 rejected" in err.getvalue()
    assert "Line 2: invalid JSON" in err.getvalue()


def test_no_progress_option_hides_the_bar(archive):
    path = write_jsonl(archive, article_line(image=None))
    err = FakeTerminal()

    call_command("import_articles", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)

    assert err.getvalue() == ""


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_articles", str(tmp_path / "khong-co.jsonl"))


def test_reimport_of_photo_with_gps_exif_keeps_one_image(archive):
    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (10, 120, 60)).save(buffer, "JPEG", exif=exif)
    (archive / "images" / "gps.jpg").write_bytes(buffer.getvalue())
    line = article_line(image="images/gps.jpg")
    run(write_jsonl(archive, line))
    cover = Article.objects.get().cover_image
    # The stored file has its metadata stripped, so it differs from the source photo...
    assert cover.file.read() != buffer.getvalue()
    run(write_jsonl(archive, line))
    # ...and yet importing the same photo again reuses the same image.
    assert Article.objects.get().cover_image == cover
    assert Image.objects.count() == 1
