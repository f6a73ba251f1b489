"""Backups of the whole site in one file: the database and the uploaded media.

A backup is an uncompressed tar holding

- ``database.dump``: ``pg_dump --format=custom`` of the PostgreSQL database (compressed,
  restored with ``pg_restore``), or ``database.sqlite3`` on SQLite (the online backup
  API: a consistent copy while the site runs);
- ``media/``: every file under MEDIA_ROOT, taken after the database, so every image
  the dump names is there;
- ``manifest.json``: when, which engine, how many articles, revisions and images.

``make backup`` (manage.py backup) writes one into BACKUP_DIR (var/backups);
``make restore FILE=...`` (manage.py restore) loads one into the configured database and
MEDIA_ROOT. docs/operations.md has the procedure.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from articles.models import Article, ArticleRevision
from media.models import Image

DUMP = "database.dump"
SQLITE = "database.sqlite3"
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    pass


def _pg_args_and_env(settings_dict):
    env = {**os.environ}
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(argv, env=None):
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()}")
    return result


def counts():
    return {
        "articles": Article.objects.count(),
        "revisions": ArticleRevision.objects.count(),
        "images": Image.objects.count(),
    }


def backup(directory) -> Path:
    """Write a backup into directory; returns its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = directory / f"newsroom-{stamp}.tar"
    engine = connection.vendor
    with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as work:
        work = Path(work)
        manifest = {
            "created": datetime.now().astimezone().isoformat(timespec="seconds"),
            "engine": engine,
            # With S3_BUCKET the files live in the bucket (its versioning is their backup).
            "media": "bucket" if settings.S3_BUCKET else "included",
            **counts(),
        }
        if engine == "postgresql":
            db = connection.settings_dict
            args, env = _pg_args_and_env(db)
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
                 "--file", str(work / DUMP), db["NAME"]],
                env,
            )  # fmt: skip
            database_file = DUMP
        elif engine == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(work / SQLITE) as copy:
                connection.connection.backup(copy)
            copy.close()
            database_file = SQLITE
        else:
            raise BackupError(f"no backup for the {engine} database engine")
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = target.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            tar.add(work / MANIFEST, MANIFEST)
            tar.add(work / database_file, database_file)
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                tar.add(media_root, MEDIA)
        partial.rename(target)  # a backup that exists is complete
    return target


def read_manifest(path) -> dict:
    with tarfile.open(path) as tar:
        return json.load(tar.extractfile(MANIFEST))


def _has_tables():
    return bool(connection.introspection.table_names())


def restore(path, *, replace=False) -> dict:
    """Load the backup at path into the configured database and MEDIA_ROOT; returns its
    manifest. Refuses a database that has tables unless replace."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no such backup: {path}")
    if _has_tables() and not replace:
        raise BackupError(
            "the database is not empty; restore into a new database, or pass --replace "
            "(make restore REPLACE=1) to overwrite it"
        )
    engine = connection.vendor
    with tempfile.TemporaryDirectory(prefix="newsroom-restore-") as work:
        work = Path(work)
        with tarfile.open(path) as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / MANIFEST).read_text())
        if manifest["engine"] != engine:
            raise BackupError(f"a {manifest['engine']} backup cannot go into {engine}")
        if engine == "postgresql":
            db = connection.settings_dict
            connection.close()
            args, env = _pg_args_and_env(db)
            _run(
                ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                 "--single-transaction", *(["--clean", "--if-exists"] if replace else []),
                 *args, "--dbname", db["NAME"], str(work / DUMP)],
                env,
            )  # fmt: skip
        else:
            name = str(connection.settings_dict["NAME"])
            if name == ":memory:" or "mode=memory" in name:
                raise BackupError("cannot restore into an in-memory database")
            connection.close()
            with sqlite3.connect(work / SQLITE) as source, sqlite3.connect(name) as target:
                source.backup(target)
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        if (work / MEDIA).is_dir():
            shutil.copytree(work / MEDIA, media_root, dirs_exist_ok=True)
    return manifest
