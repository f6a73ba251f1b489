"""Run inside the site's own environment (the fault tests' database and Redis):

    python -m tests.faults.sitectl setup      content for the readers, a logged-in editor
    python -m tests.faults.sitectl writer N   N writes, one a second, through the services

`setup` prints one JSON object: the pages to read, the editor's session cookie and an
article's form fields. `writer` alternates publishing a new article and editing the
newest one it published, and prints one JSON line per write: {"ok": true, ...} once the
transaction committed (an acknowledged write), {"ok": false, "error": ...} otherwise.
It keeps going through outages: a failed write is reported and the next one tried.
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import DatabaseError, close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles import services  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.permissions import PUBLISH  # noqa: E402
from articles.roles import EDITORS  # noqa: E402
from authors.models import Author  # noqa: E402
from sections.models import Section  # noqa: E402

BODY = "<p>Công nhân lao động Thủ đô hưởng ứng tháng công nhân với nhiều hoạt động.</p>" * 6


def out(**line):
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def editor():
    user, _ = get_user_model().objects.get_or_create(
        username="editor", defaults={"is_staff": True, "email": "editor@example.com"}
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def setup(articles=30):
    user = editor()
    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": n})[0]
        for n, (slug, name) in enumerate(
            [("thoi-su", "Thời sự"), ("cong-doan", "Công đoàn"), ("van-hoa", "Văn hóa")]
        )
    ]
    author, _ = Author.objects.get_or_create(slug="phong-vien", defaults={"name": "Phóng viên"})
    for n in range(articles):
        article = Article(
            title=f"Công đoàn Thủ đô chăm lo đời sống người lao động số {n}",
            sapo="Nhiều hoạt động thiết thực được tổ chức trong tháng công nhân.",
            body=BODY,
            section=sections[n % len(sections)],
        )
        services.article_save(
            article=article, user=user, action=PUBLISH, authors=[author], notify=False
        )
    client = Client()
    client.force_login(user)
    first = Article.objects.published().order_by("pk").first()
    out(
        pages={
            "home": "/",
            "article": first.get_absolute_url(),
            "section": f"/{sections[0].slug}/",
            "search": "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n",
        },
        session=client.cookies["sessionid"].value,
        article={
            "id": first.pk,
            "title": first.title,
            "sapo": first.sapo,
            "body": first.body,
            "section": first.section_id,
            "slug": first.slug,
            "version": first.version,
            "published_at_0": timezone.localtime(first.published_at).strftime("%d/%m/%Y"),
            "published_at_1": timezone.localtime(first.published_at).strftime("%H:%M:%S"),
        },
    )


def writer(count, token):
    user = None
    mine = None
    for n in range(count):
        started = time.time()
        close_old_connections()  # as a request would: a dead connection is replaced
        attempt = f"Tin mới {token} số {n}"
        try:
            if user is None:
                user = editor()
            if mine is None or n % 2 == 0:
                article = Article(
                    title=attempt,
                    sapo="Tin cập nhật trong ngày.",
                    body=BODY,
                    section=Section.objects.order_by("position").first(),
                )
                services.article_save(article=article, user=user, action=PUBLISH, notify=False)
                mine = article
                kind = "publish"
            else:
                mine.refresh_from_db()
                attempt = mine.title = f"{mine.title.split(' (')[0]} (cập nhật {n})"
                services.article_save(article=mine, user=user, base_version=mine.version)
                kind = "edit"
            out(ok=True, kind=kind, id=mine.pk, title=mine.title, version=mine.version,
                at=time.time())  # fmt: skip
        except DatabaseError as error:
            connection.close()
            message = (str(error).strip().splitlines() or [""])[0][:200]
            out(ok=False, attempt=attempt, error=f"{type(error).__name__}: {message}",
                at=time.time())  # fmt: skip
        time.sleep(max(0.0, 1.0 - (time.time() - started)))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        setup()
    elif command == "writer":
        writer(int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "w")
    else:
        raise SystemExit(f"unknown command {command}")
