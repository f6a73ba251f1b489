"""The archive import at scale: shared photos across files, one revision per article,
invalid Unicode, the errors file, the paper's tag, the progress bar."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from articles.models import Article, ArticleRevision, ArticleTransition
from articles.tasks import refresh_search_index
from media.models import Image, Rendition
from sections.models import Section
from tests.factories import image_bytes

from .test_import import FakeTerminal, article_line, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on_commit callbacks at its end, as a real commit would (the
    rendition tasks are queued on commit; the tests' backend runs them at once)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def export(folder, photos, count, prefix):
    """A JSONL export in folder: count articles, article i showing photos[i % len]."""
    (folder / "anh").mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(count):
        color = photos[i % len(photos)]
        name = f"anh/{prefix}-{i}.jpg"  # every file its own name, the same bytes
        (folder / name).write_bytes(image_bytes(size=(800, 450), color=color))
        lines.append(
            article_line(
                title=f"Bài {prefix} số {i}",
                source_url=f"https://archive.example.vn/{prefix}/{i}.html",
                image=name,
            )
        )
    path = folder / f"{prefix}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def numbered_file(tmp_path, count, title="Bài {i}"):
    """A JSONL file of count articles without photos, title.format(i=i), one source_url each."""
    lines = [
        article_line(title=title.format(i=i), source_url=f"https://a.vn/{i}.html", image=None)
        for i in range(count)
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def rendition_files(media_root):
    return sorted(p for p in (media_root / "renditions").rglob("*") if p.is_file())


def test_shared_photos_across_three_files_are_one_image_each_made_once(
    tmp_path, media_root, committed
):
    red, green, blue = (200, 30, 30), (30, 160, 60), (20, 60, 200)
    files = [
        export(tmp_path / "2019", [red, green], 6, "a"),
        export(tmp_path / "2020", [green, blue], 6, "b"),
        export(tmp_path / "2021", [red, blue, green], 6, "c"),
    ]
    outputs = []
    for path in files:
        with committed():
            outputs.append(run(path)[0])

    assert Article.objects.count() == 18
    assert Image.objects.count() == 3  # three distinct photos
    assert Image.objects.values("sha256").distinct().count() == 3
    assert "photos: 2 new, 4 reused" in outputs[0]
    assert "photos: 1 new, 5 reused" in outputs[1]
    assert "photos: 0 new, 6 reused" in outputs[2]
    per_image = Rendition.objects.filter(image=Image.objects.first()).count()
    assert Rendition.objects.count() == 3 * per_image  # one set per distinct photo
    made = {p: p.stat().st_mtime_ns for p in rendition_files(media_root)}
    ids = sorted(Rendition.objects.values_list("pk", flat=True))

    # Re-importing, changed or not, regenerates nothing.
    rows = [json.loads(line) for line in files[0].read_text().splitlines()]
    files[0].write_text(
        "\n".join(json.dumps({**row, "title": row["title"] + " (sửa)"}) for row in rows),
        encoding="utf-8",
    )
    with committed():
        out, err, failed = run(files[0])
    assert not failed, err
    assert "0 created, 6 updated, 0 skipped" in out
    assert Image.objects.count() == 3
    assert sorted(Rendition.objects.values_list("pk", flat=True)) == ids
    assert {p: p.stat().st_mtime_ns for p in rendition_files(media_root)} == made


def test_each_imported_article_has_one_revision_and_its_workflow_step(tmp_path):
    path = numbered_file(tmp_path, 5)
    run(path, "--batch-size", "2")
    assert ArticleRevision.objects.count() == 5
    assert set(ArticleRevision.objects.values_list("version", flat=True)) == {1}
    assert ArticleTransition.objects.filter(from_status="", to_status="published").count() == 5
    revision = ArticleRevision.objects.get(article__title="Bài 3")
    assert revision.content["tags"] == ["Công đoàn", "Tết"]
    assert [a["name"] for a in revision.content["authors"]] == ["B.D", "N.H"]
    assert revision.content["section"]["name"] == "Công đoàn"

    # A changed line is a new version; a new state is also a workflow step.
    path.write_text(
        article_line(title="Bài 3", source_url="https://a.vn/3.html", image=None, status="draft"),
        encoding="utf-8",
    )
    out, _, _ = run(path)
    article = Article.objects.get(title="Bài 3")
    assert (article.version, article.status) == (2, "draft")
    assert article.revisions.count() == 2
    assert article.transitions.filter(from_status="published", to_status="draft").count() == 1
    assert "0 created, 1 updated, 0 skipped" in out


def test_sapo_imported_with_the_papers_tag_is_stored_without_it(tmp_path, settings):
    settings.SOURCE_TAG = "(LĐTĐ)"
    sapo = "(LĐTĐ) Chiều 16/8, Tổng Liên đoàn Lao động (LĐLĐ) Việt Nam đã tổ chức nghiệm thu…"
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(
            [
                article_line(sapo=sapo, image=None, source_url="https://a.vn/1.html"),
                article_line(sapo="LĐTĐ - Sáng nay", image=None, source_url="https://a.vn/2.html"),
            ]
        ),
        encoding="utf-8",
    )
    run(path)
    assert sorted(Article.objects.values_list("sapo", flat=True)) == [
        "Chiều 16/8, Tổng Liên đoàn Lao động (LĐLĐ) Việt Nam đã tổ chức nghiệm thu…",
        "Sáng nay",
    ]


def test_invalid_unicode_is_cleaned_or_rejected_with_its_line_and_the_rest_imports(tmp_path):
    good = article_line(title="Bài tốt", source_url="https://a.vn/tot.html", image=None)
    lines = [
        # JSON escapes of a lone surrogate, U+FFFF and Word's U+000B: cleaned, imported.
        article_line(title="Công\\ud800 đoàn", source_url="https://a.vn/1.html", image=None),
        article_line(
            title="Tết\\uffff",
            sapo="Dòng một\\u000bdòng hai",
            source_url="https://a.vn/2.html",
            image=None,
        ),
        # Nothing left once cleaned: rejected, with its line number.
        article_line(title="\\udfff\\ufffe", source_url="https://a.vn/3.html", image=None),
        good,
    ]
    path = tmp_path / "a.jsonl"
    # article_line() escaped the backslashes; the file holds the JSON escapes themselves.
    text = "\n".join(lines).replace("\\\\u", "\\u")
    path.write_bytes(text.encode() + b"\n" + b'{"title": "\xff\xfe"}\n' + good.encode() + b"\n")
    errors = tmp_path / "loi.jsonl"

    out, err, failed = run(path, "--errors", str(errors), "--no-progress")

    assert failed
    assert "Traceback" not in err
    assert "Line 3: missing or empty title" in err
    assert "Line 5: the line is not valid UTF-8" in err
    titles = sorted(Article.objects.values_list("title", flat=True))
    assert titles == ["Bài tốt", "Công đoàn", "Tết"]
    assert Article.objects.get(title="Tết").sapo == "Dòng một dòng hai"
    assert "3 created, 0 updated, 1 skipped, 2 rejected" in out  # line 6 repeats line 4
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["reason"]) for r in rows] == [
        (3, "missing or empty title"),
        (5, "the line is not valid UTF-8"),
    ]
    assert rows[0]["input"] == lines[2].replace("\\\\u", "\\u")


def test_errors_file_lists_every_rejected_line_ready_to_fix_and_import_again(tmp_path):
    (tmp_path / "anh").mkdir()
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\n".join(
            [
                article_line(title="Một", source_url="https://a.vn/1.html", image=None),
                article_line(title="", source_url="https://a.vn/2.html", image=None),
                "{hỏng",
                article_line(title="Bốn", source_url="https://a.vn/4.html", image="anh/x.jpg"),
            ]
        ),
        encoding="utf-8",
    )
    errors = tmp_path / "loi.jsonl"
    _, _, failed = run(path, "--errors", str(errors))
    assert failed
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rows] == [2, 3, 4]
    assert rows[0]["reason"] == "missing or empty title"
    assert rows[1]["reason"].startswith("invalid JSON")
    assert rows[2]["reason"].startswith("image file not found")

    # Fixed from the errors file and imported again: no duplicate of line 1.
    (tmp_path / "anh" / "x.jpg").write_bytes(image_bytes())
    fixed = [json.loads(r["input"]) for r in (rows[0], rows[2])]
    fixed[0]["title"] = "Hai"
    retry = tmp_path / "sua.jsonl"
    retry.write_text("\n".join(json.dumps(f) for f in fixed), encoding="utf-8")
    out, err, failed = run(retry, "--errors", str(errors))
    assert not failed, err
    assert errors.read_text() == ""
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Bốn", "Hai", "Một"]


def test_progress_bar_shows_lines_rate_and_eta(tmp_path):
    path = numbered_file(tmp_path, 30)
    err = FakeTerminal()
    out = io.StringIO()
    call_command("import_articles", str(path), "--batch-size", "10", stdout=out, stderr=err)
    bar = err.getvalue()
    assert "a.jsonl" in bar and "100%" in bar
    assert "30 lines" in bar and "articles/s" in bar
    assert "<00:00" in bar  # elapsed<remaining: the ETA
    assert "30 created, 0 updated, 0 skipped, 0 rejected" in bar
    summary = out.getvalue()
    assert "30 created, 0 updated, 0 skipped, 0 rejected; photos: 0 new, 0 reused;" in summary
    assert " s (" in summary and "articles/s" in summary


def test_interrupted_import_says_what_is_saved(tmp_path, monkeypatch):
    from articles import importer

    path = numbered_file(tmp_path, 10)
    real = importer.Importer.add
    seen = []

    def ctrl_c_at_line_8(self, record, **kwargs):
        seen.append(record.line)
        if record.line == 8:
            raise KeyboardInterrupt
        return real(self, record, **kwargs)

    monkeypatch.setattr(importer.Importer, "add", ctrl_c_at_line_8)
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_articles", str(path), "--batch-size", "3", stdout=out)
    assert raised.value.returncode == 130
    # Two full batches of three were committed and reported; the third was not.
    assert Article.objects.count() == 6
    assert "Import interrupted after line 8: 6 created" in out.getvalue()


def documents():
    """{title: whether its stored search document is computed} (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, search_document IS NOT NULL FROM articles_article")
        return dict(cursor.fetchall())


def test_search_index_refresh_task_cleans_the_gin_pending_list(postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('article_search_idx') IS NOT NULL")
        assert cursor.fetchone()[0]
    assert refresh_search_index.call() == 0


def found(text):
    from reader import search

    return [a.title for a in search.search_articles(search.parse(text))]


def section():
    return Section.objects.get_or_create(name="Thời sự", defaults={"slug": "thoi-su"})[0]


def test_an_import_leaves_search_documents_to_the_worker(postgres, tmp_path):

    path = numbered_file(tmp_path, 5, title="Bão số {i} đổ bộ")
    run(path, "--batch-size", "2")  # the refresh tasks are queued on commit, not run
    assert set(documents().values()) == {False}
    assert found("bão số") == []
    # A worker computes what is pending, in chunks, and the articles are found.
    assert refresh_search_index.call(analyze=False) == 5
    assert set(documents().values()) == {True}
    assert len(found("bão số")) == 5
    assert refresh_search_index.call() == 0  # nothing left: nothing written


def test_the_deferral_ends_with_the_import_batch(postgres, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        article_line(title="Bài nhập", source_url="https://a.vn/1.html", image=None),
        encoding="utf-8",
    )
    run(path)
    # A reporter's save in the same connection afterwards is indexed by the database at
    # once, and so is the imported article when someone edits it.
    Article.objects.create(title="Bài viết mới", body="<p>Chữ.</p>", section=section())
    imported = Article.objects.get(title="Bài nhập")
    imported.title = "Bài nhập đã sửa"
    imported.save()
    assert documents() == {"Bài viết mới": True, "Bài nhập đã sửa": True}


def test_a_reimport_that_changes_an_article_leaves_its_document_pending(postgres, tmp_path):
    path = tmp_path / "a.jsonl"
    line = {"title": "Bản đầu", "source_url": "https://a.vn/1.html", "image": None}
    path.write_text(article_line(**line), encoding="utf-8")
    run(path)
    refresh_search_index.call()
    path.write_text(article_line(**{**line, "title": "Bản sửa"}), encoding="utf-8")
    run(path)
    assert documents() == {"Bản sửa": False}
    refresh_search_index.call()
    assert documents() == {"Bản sửa": True}


def test_an_import_queues_the_search_documents_per_batch_and_one_refresh(
    tmp_path, django_capture_on_commit_callbacks
):
    path = numbered_file(tmp_path, 7)
    with django_capture_on_commit_callbacks() as callbacks:
        run(path, "--batch-size", "2")
    queued = [c for c in callbacks if "refresh_search_index" in repr(c)]
    per_batch = [c for c in queued if "analyze=False" in repr(c)]
    # PostgreSQL: each of the 4 batches leaves its documents to a worker; then the one
    # refresh of the index and statistics. SQLite's FTS5 triggers index at once.
    assert len(per_batch) == (4 if connection.vendor == "postgresql" else 0)
    assert len(queued) - len(per_batch) == 1
