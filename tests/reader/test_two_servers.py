"""Two app servers, one truth: a publish through one is on the other's cached pages at once.

Starts its own redis-server on a spare port and two gunicorn processes sharing it and
the test database (PostgreSQL), logs an editor into the admin of the first, publishes a
pending article with the admin's bulk action, and polls the second's home and section
pages — both served from its page cache before — until the article shows: within 1 s.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Article
from articles.roles import EDITORS
from demo.management.commands.benchmark import free_port, wait_for
from tests.factories import ArticleFactory, SectionFactory, UserFactory, role_group

PASSWORD = "mat-khau-hai-may-chu"


@pytest.fixture(autouse=True)
def fast_password_hasher():
    """The servers check passwords with the site's own hashers: keep them here too."""


@pytest.fixture
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def app_servers(postgres, transactional_db, redis_url):
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "1",
        "SECRET_KEY": "two-servers-test-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "TASKS_BACKEND": "immediate",
        "CONN_MAX_AGE": "0",
        # As in production: copies kept half a second in each process, views summed.
        "PAGE_CACHE_LOCAL_SECONDS": "0.5",
        "PAGE_CACHE_VIEW_BATCH_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}", "newsroom.wsgi:application"],
                    env=env,
                    cwd=settings.BASE_DIR,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_for(base + "/healthz")
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(20)


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


def admin_session(base, username):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PASSWORD,
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/admin/login/", data=data, headers={"Referer": f"{base}/admin/login/"}
    )
    assert opener.open(request).geturl().endswith("/admin/")
    return opener, jar


def publish_through_admin(base, opener, jar, article):
    page = opener.open(f"{base}/admin/articles/article/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "action": "publish_selected",
            "_selected_action": article.pk,
            "index": 0,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/admin/articles/article/",
        data=data,
        headers={"Referer": f"{base}/admin/articles/article/"},
    )
    opener.open(request).read()


def test_a_publish_on_one_server_shows_on_the_others_cached_pages_within_a_second(
    app_servers,
):
    first, second = app_servers
    editor = UserFactory(username="bientap2", password=PASSWORD)
    editor.groups.add(role_group(EDITORS))
    section = SectionFactory(name="Thời sự")
    ArticleFactory(section=section, title="Tin đã đăng")
    pending = ArticleFactory(
        section=section,
        title="Tin vừa duyệt",
        status=Article.Status.PENDING,
        published_at=None,
    )
    pages = [f"{second}/", f"{second}{section.get_absolute_url()}"]
    for url in pages:
        get(url)
        cached, html = get(url)
        assert cached == "HIT" and "Tin vừa duyệt" not in html

    opener, jar = admin_session(first, "bientap2")
    publish_through_admin(first, opener, jar, pending)
    published = time.monotonic()

    seen = {}
    while len(seen) < len(pages) and time.monotonic() - published < 5:
        for url in pages:
            if url not in seen and "Tin vừa duyệt" in get(url)[1]:
                seen[url] = time.monotonic() - published
        time.sleep(0.02)
    assert set(seen) == set(pages), seen
    assert max(seen.values()) <= 1.0, seen
    pending.refresh_from_db()
    assert pending.status == Article.Status.PUBLISHED
