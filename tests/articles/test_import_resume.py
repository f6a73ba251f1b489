"""A killed import loses nothing it committed, and running it again continues without
duplicates: a real import_articles process, killed with SIGKILL half-way, on its own
SQLite database file."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINES = 4000
BATCH = 50


def manage(env, *args, **kwargs):
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def count(db, table):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:  # locked by the writer: ask again
            return -1


def test_killed_import_resumes_without_duplicates(tmp_path):
    db = tmp_path / "kho.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{db}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TASKS_BACKEND": "immediate",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    migrate = manage(env, "migrate", "--noinput")
    _, err = migrate.communicate(timeout=240)
    assert migrate.returncode == 0, err
    path = tmp_path / "kho.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(LINES):
            row = {
                "title": f"Bài lưu trữ số {i}",
                "sapo": "(LĐTĐ) Chiều 16/8, hội nghị đã diễn ra.",
                "body_html": "<p>" + "Nội dung bài viết. " * 100 + "</p>",
                "section": ["Thời sự", "Công đoàn", "Xã hội"][i % 3],
                "tags": [f"Chủ đề {i % 7}"],
                "authors": [f"PV {i % 5}"],
                "published_at": "2019-08-16T17:30:00+07:00",
                "source_url": f"https://kho.example.vn/bai/{i}.html",
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    first = manage(env, "import_articles", str(path), "--batch-size", str(BATCH))
    deadline = time.monotonic() + 200
    while count(db, "articles_article") < 3 * BATCH:
        assert first.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL

    saved = count(db, "articles_article")
    assert 0 < saved < LINES, "killed half-way"
    # Whole batches only, each article with its revision and workflow step.
    assert saved % BATCH == 0
    assert count(db, "articles_articlerevision") == saved
    assert count(db, "articles_articletransition") == saved

    again = manage(env, "import_articles", str(path), "--no-progress")
    out, err = again.communicate(timeout=240)
    assert again.returncode == 0, err
    # The command speaks the site's language.
    assert f"{LINES - saved} bài tạo mới, 0 bài cập nhật, {saved} bài bỏ qua" in out
    assert count(db, "articles_article") == LINES
    assert count(db, "articles_articlerevision") == LINES
    with sqlite3.connect(db) as conn:
        distinct = conn.execute("SELECT count(DISTINCT source_url) FROM articles_article")
        assert distinct.fetchone()[0] == LINES
        sapos = conn.execute("SELECT DISTINCT sapo FROM articles_article").fetchall()
        assert sapos == [("Chiều 16/8, hội nghị đã diễn ra.",)]
