"""make backup / make restore: a backup restored into a fresh database (and a fresh media
folder) holds every article, revision and image, files included."""

import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles import services
from articles.models import Article, ArticleRevision
from media.models import Image
from newsroom import backups
from tests.factories import ArticleFactory, ImageFactory, SectionFactory

ROOT = Path(__file__).resolve().parents[2]


def make_content(editor):
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    images = [ImageFactory(title=f"Ảnh {n}") for n in range(3)]
    articles = []
    for n, image in enumerate(images):
        article = ArticleFactory(
            title=f"Bài số {n} – Đoàn", section=section, cover_image=image, created_by=editor
        )
        for edit in ("bản đầu", "bản sửa"):  # two revisions each, through the service
            article.title = f"Bài số {n} – Đoàn ({edit})"
            services.article_save(article=article, user=editor)
        articles.append(article)
    return articles, images


def expected_state():
    return {
        "articles": sorted(Article.objects.values_list("pk", "title", "status")),
        "revisions": sorted(ArticleRevision.objects.values_list("pk", "article_id", "version")),
        "images": sorted((i.pk, i.file.name) for i in Image.objects.all()),
    }


def restore_in_subprocess(backup, env, *extra):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup), *extra],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_postgres_database(postgres, editor, tmp_path, settings):
    make_content(editor)
    state = expected_state()
    call_command("backup", output=str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").glob("newsroom-*.tar")
    with tarfile.open(backup) as tar:
        names = tar.getnames()
    assert "database.dump" in names and "manifest.json" in names
    assert backups.read_manifest(backup)["revisions"] == len(state["revisions"])

    db = connection.settings_dict
    fresh = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"]}
    admin = psycopg2.connect(dbname="postgres", **server)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{fresh}"')
    media = tmp_path / "restored-media"
    try:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{fresh}"
        env = {"DATABASE_URL": url, "MEDIA_ROOT": str(media), "DEBUG": "1"}
        done = restore_in_subprocess(backup, env)
        assert done.returncode == 0, done.stderr
        assert "3 articles" in done.stdout
        with psycopg2.connect(dbname=fresh, **server) as restored:
            cursor = restored.cursor()
            cursor.execute("SELECT id, title, status FROM articles_article")
            assert sorted(cursor.fetchall()) == state["articles"]
            cursor.execute("SELECT id, article_id, version FROM articles_articlerevision")
            assert sorted(cursor.fetchall()) == state["revisions"]
            cursor.execute("SELECT id, file FROM media_image")
            assert sorted(cursor.fetchall()) == state["images"]
        restored.close()
        for _pk, name in state["images"]:
            assert (media / name).read_bytes() == (Path(settings.MEDIA_ROOT) / name).read_bytes()
        # a second restore over the now full database is refused unless asked for
        again = restore_in_subprocess(backup, env)
        assert again.returncode != 0 and "not empty" in again.stderr
        assert restore_in_subprocess(backup, env, "--replace").returncode == 0
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_on_sqlite(editor, tmp_path, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    make_content(editor)
    state = expected_state()
    call_command("backup", output=str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").glob("newsroom-*.tar")
    target = tmp_path / "fresh.sqlite3"
    media = tmp_path / "restored-media"
    env = {"DATABASE_URL": f"sqlite:///{target}", "MEDIA_ROOT": str(media), "DEBUG": "1"}
    done = restore_in_subprocess(backup, env)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(target) as restored:
        rows = restored.execute("SELECT id, title, status FROM articles_article").fetchall()
        assert sorted(rows) == state["articles"]
        revisions = restored.execute(
            "SELECT id, article_id, version FROM articles_articlerevision"
        ).fetchall()
        assert sorted(revisions) == state["revisions"]
    for _pk, name in state["images"]:
        assert (media / name).is_file()


def test_restore_refuses_a_missing_file(db):
    with pytest.raises(CommandError, match="no such backup"):
        call_command("restore", "/nonexistent/backup.tar")
