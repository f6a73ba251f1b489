"""core.cache.ResilientRedisCache against a Redis of its own: it caches while Redis is
up, answers misses within the socket timeout while Redis is down or hung (SIGSTOP),
warns once per interval, and is back by itself when Redis is."""

import logging
import shutil
import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from articles import presence, stats
from core.cache import ResilientRedisCache, cache_recovered, insisting
from reader import cache as page_cache
from tests.factories import ArticleFactory, SectionFactory
from tests.faults.services import RedisServer, free_port

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")

TIMEOUT = 0.1


def make_cache(url, **options):
    return ResilientRedisCache(
        url,
        {
            "KEY_PREFIX": "test",
            "OPTIONS": {
                "socket_connect_timeout": TIMEOUT,
                "socket_timeout": TIMEOUT,
                "DOWN_SECONDS": 0.3,
                "WARN_SECONDS": 60,
                **options,
            },
        },
    )


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.close()


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_caches_while_redis_is_up(redis_server):
    cache = make_cache(redis_server.url)
    cache.set("a", {"x": 1})
    assert cache.get("a") == {"x": 1}
    assert cache.add("n", 0) is True
    assert cache.incr("n") == 1
    assert cache.decr("n") == 0
    with pytest.raises(ValueError):  # Django's meaning of a missing key is kept
        cache.incr("missing")
    assert cache.get_many(["a", "none"]) == {"a": {"x": 1}}
    assert cache.available


def test_redis_stopped_answers_misses_quietly_and_comes_back(redis_server, caplog):
    cache = make_cache(redis_server.url)
    cache.set("a", 1)
    redis_server.stop()
    caplog.set_level(logging.WARNING, logger="core.cache")

    value, took = timed(lambda: cache.get("a", "default"))
    assert value == "default"
    assert took < 1  # redis-py alone: a refused connection raises ConnectionError
    assert cache.set("b", 2) is None
    assert cache.add("c", 1) is False
    assert cache.incr("a") is None
    assert cache.decr("a") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("a") is False
    assert cache.has_key("a") is False
    cache.delete_many(["a", "b"])
    assert cache.set_many({"a": 1}) == []
    assert not cache.available
    for _ in range(200):
        assert cache.get("a") is None
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "cache unavailable" in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # a line, not a traceback

    redis_server.start()  # same port
    time.sleep(0.35)  # DOWN_SECONDS
    cache.set("a", 3)
    assert cache.get("a") == 3
    assert cache.available
    messages = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert len(messages) == 2
    assert "available again" in messages[1]


def test_redis_hung_times_out_within_the_socket_timeout(redis_server):
    cache = make_cache(redis_server.url, DOWN_SECONDS=0.0)
    cache.set("a", 1)  # a pooled connection exists
    redis_server.hang()
    try:
        for _ in range(3):  # an open connection and new ones: each call gives up in time
            value, took = timed(lambda: cache.get("a", "default"))
            assert value == "default"
            assert took < 2 * TIMEOUT + 0.2
        value, took = timed(lambda: cache.set("b", 1))
        assert took < 2 * TIMEOUT + 0.2
    finally:
        redis_server.resume()
    deadline = time.monotonic() + 2
    while cache.get("a") != 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cache.get("a") == 1


def test_a_silent_server_costs_one_timeout_per_down_interval():
    """A listener that accepts and never answers (a hung Redis) costs one socket timeout;
    the calls after it, until DOWN_SECONDS pass, are skipped at once."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        cache = make_cache(f"redis://127.0.0.1:{listener.getsockname()[1]}/0", DOWN_SECONDS=5)
        _, first = timed(lambda: cache.get("a"))
        assert TIMEOUT * 0.9 <= first < 1
        _, rest = timed(lambda: [cache.get("a") for _ in range(100)])
        assert rest < TIMEOUT  # skipped, not a timeout each
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


@pytest.fixture
def dead_cache(settings):
    """The site's default cache pointing at a port nothing listens on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }
    yield caches["default"]


@pytest.mark.django_db
def test_public_pages_render_from_the_database_without_redis(client, dead_cache, caplog):
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    article = ArticleFactory(title="Bài khi không có bộ đệm", section=section)
    caplog.set_level(logging.WARNING)
    for url in [
        reverse("home"),
        article.get_absolute_url(),
        f"/{section.slug}/",
        reverse("search") + "?q=bộ+đệm",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Bài khi không có bộ đệm" in client.get(reverse("home")).content.decode()
    # the view counter degrades quietly: the view is not counted, the page is served
    assert stats.pending_views(article.pk) == 0
    cache_lines = [r for r in caplog.records if r.name == "core.cache"]
    assert len(cache_lines) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.django_db
def test_presence_degrades_quietly_without_redis(editor, dead_cache, caplog):
    article = ArticleFactory()
    user = editor
    caplog.set_level(logging.WARNING)
    presence.beat(article.pk, user, "tab1")
    assert presence.editors([article.pk]) == {}
    presence.leave(article.pk, user, "tab1")
    assert not [r for r in caplog.records if r.exc_info]


def test_recovery_says_whether_writes_were_lost(redis_server):
    cache = make_cache(redis_server.url)
    heard = []

    def receiver(sender, cache, writes_lost, **kwargs):
        heard.append(writes_lost)
        cache.set("after-recovery", 1)  # a receiver may use the cache at once

    cache_recovered.connect(receiver)
    try:
        redis_server.stop()
        cache.get("a")  # reads only
        redis_server.start()
        time.sleep(0.35)
        cache.get("a")
        assert heard == [False]

        redis_server.stop()
        cache.get("a")
        cache.delete("page")  # an invalidation that never reached Redis
        redis_server.start()
        time.sleep(0.35)
        cache.get("a")
        assert heard == [False, True]
        assert cache.get("after-recovery") == 1
        cache.get("a")
        assert heard == [False, True]  # once per recovery
    finally:
        cache_recovered.disconnect(receiver)


def test_an_invalidation_right_after_redis_returns_is_not_skipped(redis_server):
    """Within the skip window after a failure a call answers as a miss, unless it runs
    in insisting(): there it reaches Redis (in its own thread only), and the cache is
    back at once."""
    cache = make_cache(redis_server.url, DOWN_SECONDS=30)
    heard = []

    def receiver(sender, cache, writes_lost, **kwargs):
        heard.append(writes_lost)

    cache_recovered.connect(receiver)
    try:
        redis_server.stop()
        cache.get("a")  # fails: calls are skipped for 30 s
        redis_server.start()
        other = make_cache(redis_server.url)
        other.set("page", "old")

        assert cache.delete("page") is False  # skipped
        assert other.get("page") == "old"
        with insisting(cache) as reached:
            assert reached is cache
            seen = []
            thread = threading.Thread(target=lambda: seen.append(cache.get("page", "skipped")))
            thread.start()
            thread.join()
            assert seen == ["skipped"]  # another thread still skips
            assert cache.delete("page") is True
        assert other.get("page") is None
        assert cache.available
        assert heard == [True]  # the skipped delete was a lost write
        assert cache.get("page", "gone") == "gone"  # outside too, now that it is back
    finally:
        cache_recovered.disconnect(receiver)


def test_insisting_while_redis_is_down_costs_one_timeout(redis_server):
    cache = make_cache(redis_server.url, DOWN_SECONDS=30)
    cache.set("a", 1)
    redis_server.hang()
    try:
        cache.get("a")
        with insisting(cache):
            _, took = timed(lambda: cache.delete("a"))
        assert took < 2 * TIMEOUT + 0.2
        assert not cache.available
        _, took = timed(lambda: cache.delete("a"))  # outside: skipped at once
        assert took < 0.01
    finally:
        redis_server.resume()


def test_insisting_on_another_backend_is_the_backend_itself():
    local = caches["default"]
    with insisting(local) as reached:
        reached.set("insisting", 1)
    assert local.get("insisting") == 1


def test_a_page_purge_right_after_redis_returns_reaches_it(redis_server, settings):
    """An editor's save in a process that saw Redis fail a moment ago: its purge is
    stored, so the copies rendered before it are stale on every app server."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_timeout": TIMEOUT, "DOWN_SECONDS": 30},
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    pages = page_cache.page_cache()
    redis_server.stop()
    pages.get("x")
    redis_server.start()
    rendered = time.time() - 1
    assert not page_cache._purged_since(["home"], rendered)  # reads still skip
    page_cache.purge(["home"])
    assert page_cache._purged_since(["home"], rendered)
