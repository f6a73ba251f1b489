"""Faults: the site under a bounded load while its Redis and its PostgreSQL stop, hang and
come back. Everything runs against services of its own (tests.faults.site: a PostgreSQL
cluster and a Redis on spare loopback ports, two gunicorn app servers with DEBUG off),
never the machine's.

Runs with NEWSROOM_REQUIRE_POSTGRES=1 (CI) or NEWSROOM_FAULTS=1 (make test-faults);
skipped otherwise. The numbers go to test-output/faults.json (docs/operations.md).
"""

import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import redis

from tests.conftest import OUTPUT_DIR, REQUIRE_POSTGRES
from tests.newsroom.test_outage import posted

from .load import MAINTENANCE, HomeProbe, Load, Writes, fetch, percentile, summary
from .services import PG_BIN
from .site import Site, wait_until

ENABLED = REQUIRE_POSTGRES or os.environ.get("NEWSROOM_FAULTS") == "1"
MISSING = [
    name
    for name, present in [
        ("redis-server", shutil.which("redis-server")),
        ("initdb", (PG_BIN / "initdb").exists()),
        ("runuser", shutil.which("runuser") or os.geteuid() != 0),
    ]
    if not present
]
if ENABLED and MISSING:
    raise RuntimeError(f"the fault tests need {', '.join(MISSING)}")

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(not ENABLED, reason="fault tests: NEWSROOM_FAULTS=1 or CI on PostgreSQL"),
]

THREADS = int(os.environ.get("FAULTS_READERS", "8"))
OUTAGE = float(os.environ.get("FAULTS_OUTAGE_SECONDS", "6"))
RECOVERY_LIMIT = 5.0
LOG_LIMIT = 64 * 1024  # bytes all app servers may write during one outage
# Besides the four pages, readers ask searches nobody asked before: never in the page
# cache, so what a miss does during a fault shows.
NEW_SEARCH = "/tim-kiem/?q=lao+%C4%91%E1%BB%99ng+{n}"
RESULTS = {}
WRITES = []  # every write of every phase, acknowledged or not


@pytest.fixture(scope="module")
def site():
    started = time.monotonic()
    site = Site(servers=2, workers=1).start()
    RESULTS["setup_seconds"] = round(time.monotonic() - started, 1)
    yield site
    try:
        os.makedirs(OUTPUT_DIR, exist_ok=True)
        Path(OUTPUT_DIR, "faults.json").write_text(json.dumps(RESULTS, indent=2))
        print("\nfault test results:", json.dumps(RESULTS, indent=2))
    finally:
        site.close()


def pages_ok(site):
    return site.pages_ok()


def pages_back(site, *, timeout):
    """Seconds until every page answered 200 on every app server, each polled by its
    own thread; None if one did not within timeout."""
    started = time.monotonic()
    back = {}

    def poll(port, path):
        while time.monotonic() - started < timeout:
            if fetch(port, path, timeout=timeout)[0] == 200:
                back[(port, path)] = time.monotonic() - started
                return
            time.sleep(0.05)

    threads = [
        threading.Thread(target=poll, args=(port, path), daemon=True)
        for port in site.ports
        for path in site.info["pages"].values()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 1)
    if len(back) < len(threads):
        return None
    return max(back.values())


class Phase:
    """Readers, the writer and the home probe around one fault: `before` seconds of
    normal service, the fault (fault()), `OUTAGE` seconds, the repair (repair()), then
    until the pages are back (at most RECOVERY_LIMIT + 5 s) and 2 s more."""

    def __init__(self, site, name, *, threads=THREADS):
        self.site = site
        self.name = name
        self.threads = threads

    def run(self, fault, repair, *, before=2.0, recovered=None):
        site = self.site
        total = before + OUTAGE + RECOVERY_LIMIT + 10
        writer = Writes(site.writer(int(total), self.name))
        probe = HomeProbe(site.ports, writer, seconds=total + 60).start()
        # never asked in an earlier phase either
        pages = {**site.info["pages"], "new_search": NEW_SEARCH.replace("{n}", self.name + "{n}")}
        load = Load(site.ports, pages, threads=self.threads, seconds=total).start()
        time.sleep(before)
        self.log_before = site.log_bytes()
        self.fault_at = time.time()
        fault()
        time.sleep(OUTAGE)
        self.inside_fault()
        self.repair_at = time.time()
        repair()
        self.repaired_at = time.time()
        if recovered is None:
            self.recovery = pages_back(site, timeout=RECOVERY_LIMIT + 5)
        else:
            self.recovery = wait_until(recovered, timeout=RECOVERY_LIMIT + 5, interval=0.1)
        time.sleep(2)
        self.log_after = site.log_bytes()
        writer.process.terminate()
        writer.wait(10)
        time.sleep(1.5)  # the last writes reach the home page
        probe.stop()
        load.stop()
        WRITES.extend(writer.acked + [{**w, "failed": True} for w in writer.failed])
        self.load, self.writer, self.probe = load, writer, probe
        # requests under way during the fault: started before the repair, answered
        # after the fault began (a hung server answers nothing until it resumes)
        self.during_hits = [
            h for h in load.between(0, self.repair_at) if h.ended > self.fault_at + 0.5
        ]
        self.before_hits = [h for h in load.between(0, self.fault_at) if h.ended < self.fault_at]
        self.after_hits = load.between(self.repaired_at + (self.recovery or 0), time.time())
        return self

    def inside_fault(self):
        """Checks to make while the fault lasts (overridden per test)."""

    def late_writes(self):
        """Acknowledged writes not on the home page within 1 s of their acknowledgement,
        or (acknowledged during the fault, or less than 1 s before it: the page they
        change may not have been rendered again before the fault began) within 1 s of
        the service being back."""
        back = self.repaired_at + (self.recovery or RECOVERY_LIMIT)
        late = []
        for write in self.writer.acked:
            delay = self.probe.seen.get(write["title"])
            allowed = 1.0
            if self.fault_at - 1.0 <= write["at"] < back:
                allowed = back + 1.0 - write["at"]
            if delay is None or delay > allowed:
                late.append((write["title"], delay, round(allowed, 2)))
        return late

    def record(self, **extra):
        result = {
            "outage_seconds": OUTAGE,
            "readers": self.threads,
            "before": summary(self.before_hits),
            "during": summary(self.during_hits),
            "after": summary(self.after_hits),
            "recovery_seconds": None if self.recovery is None else round(self.recovery, 2),
            "log_bytes_during": self.log_after - self.log_before,
            "writes_acknowledged": len(self.writer.acked),
            "writes_failed": len(self.writer.failed),
            "writes_on_home_max_s": round(max(self.probe.seen.values(), default=0), 2),
            **extra,
        }
        RESULTS[self.name] = result
        return result


def assert_all_ok(hits, label):
    bad = [h for h in hits if h.status != 200]
    assert not bad, f"{label}: {len(bad)} of {len(hits)} not 200, e.g. {bad[:3]}"


def assert_no_waits(phase, result):
    """No request waits on Redis: pages render from the database without the cache (so
    they take more work, twice as long on a busy machine), but nothing near redis-py's
    unbounded wait or a 5 s socket timeout."""
    before = [h.seconds for h in phase.before_hits]
    during = [h.seconds for h in phase.during_hits]
    assert percentile(during, 99) <= 2 * percentile(before, 99) + 2.0, result
    assert max(during) < max(before) + 4.0, result


# --- 1 + 6: load held ---------------------------------------------------------------------
def test_load_held_while_an_editor_publishes(site):
    """Readers on home, article, section and search while an editor writes once a
    second: no errors, and every write is on the home page within a second."""
    seconds = float(os.environ.get("FAULTS_LOAD_SECONDS", "12"))
    assert pages_ok(site)
    writer = Writes(site.writer(int(seconds), "tai"))
    probe = HomeProbe(site.ports, writer, seconds=seconds + 60).start()
    load = Load(site.ports, site.info["pages"], threads=THREADS, seconds=seconds).start()
    load.wait()
    writer.wait(15)
    time.sleep(1.5)
    probe.stop()
    WRITES.extend(writer.acked)
    hits = load.hits
    assert_all_ok(hits, "load")
    assert len(writer.acked) >= seconds - 2 and not writer.failed, writer.failed
    late = {t: s for t, s in probe.seen.items() if s > 1.0}
    unseen = [w["title"] for w in writer.acked if w["title"] not in probe.seen]
    RESULTS["load"] = {
        **summary(hits),
        "seconds": seconds,
        "readers": THREADS,
        "writes": len(writer.acked),
        "visible_on_home_max_s": round(max(probe.seen.values(), default=0), 2),
    }
    assert not unseen, f"never on the home page: {unseen}"
    assert not late, f"on the home page after more than 1 s: {late}"


# --- 1: Redis stopped, then hung ------------------------------------------------------------
def cache_keys(site):
    try:
        client = redis.Redis.from_url(site.redis.url, socket_timeout=0.5)
        return client.dbsize()
    except redis.RedisError:
        return 0


def cache_back_in_both(site, lines_before):
    return site.log_text().count("cache available again") >= lines_before + len(site.ports)


def test_redis_stopped(site):
    back_lines = site.log_text().count("cache available again")
    phase = Phase(site, "redis_stopped").run(
        site.redis.stop,
        site.redis.start,
        recovered=lambda: cache_keys(site) > 0 and cache_back_in_both(site, back_lines),
    )
    result = phase.record()
    assert phase.during_hits
    assert not phase.late_writes(), phase.late_writes()
    assert_all_ok(phase.during_hits, "Redis stopped")
    assert_no_waits(phase, result)
    assert phase.recovery is not None and phase.recovery <= RECOVERY_LIMIT, result
    assert_all_ok(phase.after_hits, "after Redis came back")
    assert result["log_bytes_during"] < LOG_LIMIT, result
    assert not phase.writer.failed  # writes never needed the cache


def test_redis_hung(site):
    back_lines = site.log_text().count("cache available again")
    phase = Phase(site, "redis_hung").run(
        site.redis.hang,
        site.redis.resume,
        recovered=lambda: cache_back_in_both(site, back_lines),
    )
    result = phase.record()
    assert phase.during_hits
    # writes during the hang: their purges never reached Redis; on the home page once
    # it is back all the same (core.cache.cache_recovered)
    assert not phase.late_writes(), phase.late_writes()
    assert_all_ok(phase.during_hits, "Redis hung")
    # one 100 ms socket timeout per process per second, not redis-py's default wait
    assert_no_waits(phase, result)
    assert phase.recovery is not None and phase.recovery <= RECOVERY_LIMIT, result
    assert result["log_bytes_during"] < LOG_LIMIT, result
    assert not phase.writer.failed


# --- 2, 3, 4: PostgreSQL stopped -----------------------------------------------------------
CSRF = "a" * 32


def admin_form(site, title):
    article = site.info["article"]
    data = {
        "csrfmiddlewaretoken": CSRF,
        "title": title,
        "sapo": article["sapo"],
        "body": article["body"],
        "section": article["section"],
        "tags": "",
        "cover_image": "",
        "cover_caption": "",
        "slug": article["slug"],
        "seo_title": "",
        "seo_description": "",
        "base_version": article["version"],
        "published_at_0": article["published_at_0"],
        "published_at_1": article["published_at_1"],
        "_save": "Lưu",
    }
    for prefix in ("article_authors", "related_links"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data


def admin_post(site, fields):
    path = f"/admin/articles/article/{site.info['article']['id']}/change/"
    return fetch(
        site.ports[0],
        path,
        method="POST",
        body=urllib.parse.urlencode(fields, doseq=True),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={site.info['session']}; csrftoken={CSRF}",
        },
    )


class PostgresPhase(Phase):
    typed_title = "Bài sửa trong lúc mất cơ sở dữ liệu – giữ nguyên chữ"

    def inside_fault(self):
        site = self.site
        self.health = [fetch(port, "/healthz", timeout=3)[0] for port in site.ports]
        self.ready = [fetch(port, "/readyz", timeout=3)[0] for port in site.ports]
        self.admin_get = fetch(
            site.ports[1], "/admin/", headers={"Cookie": f"sessionid={site.info['session']}"}
        )
        self.save = admin_post(site, admin_form(site, self.typed_title))


def test_postgres_stopped(site):
    has_health = fetch(site.ports[0], "/healthz")[0] == 200
    has_page_cache = "x-page-cache" in fetch(site.ports[0], "/")[1]
    phase = PostgresPhase(site, "postgres_stopped").run(lambda: site.pg.stop("fast"), site.pg.start)
    during = phase.during_hits
    by_status = {}
    for hit in during:
        by_status.setdefault(hit.status, []).append(hit)
    result = phase.record(
        during_by_page={
            kind: summary([h for h in during if h.kind == kind])
            for kind in [*site.info["pages"], "new_search"]
        },
        health_during=phase.health,
        ready_during=phase.ready,
        page_cache=has_page_cache,
    )
    assert during
    assert set(by_status) <= {200, 503}, result  # never a 500, never a dropped connection
    assert by_status.get(503), "pages not in the page cache answer 503"
    for hit in by_status[503]:
        assert hit.retry_after == "30" and hit.maintenance, hit
    started_during = [h for h in during if h.started > phase.fault_at + 0.5]
    assert {h.status for h in started_during if h.kind == "new_search"} == {503}
    if has_page_cache:  # pages read before the outage are served from the page cache
        cached = [h for h in started_during if h.kind != "new_search"]
        assert all(h.status == 200 for h in cached), result
    # the admin too
    status, headers, body = phase.admin_get
    assert status == 503 and MAINTENANCE in body and headers.get("retry-after") == "30"
    # an editor's save: the typed text comes back, in a form that sends it again
    status, headers, body = phase.save
    assert status == 503 and "Chưa lưu được" in body, body[:500]
    assert phase.typed_title in body
    if has_health:
        assert phase.health == [200, 200]
        assert phase.ready == [503, 503]
    # back within the limit, without restarting the app servers
    assert phase.recovery is not None and phase.recovery <= RECOVERY_LIMIT, result
    assert site.alive()
    assert_all_ok(phase.after_hits, "after PostgreSQL came back")
    assert result["log_bytes_during"] < LOG_LIMIT, result
    assert phase.writer.failed, "writes during the outage fail (and are not acknowledged)"
    assert not phase.late_writes(), phase.late_writes()

    # The editor sends the kept text again: saved now.
    status, headers, _ = admin_post(site, posted(body))
    assert status == 302, status
    stored = site.pg.psql(
        f"SELECT title FROM articles_article WHERE id = {site.info['article']['id']}", "newsroom"
    )
    assert stored == phase.typed_title


def test_postgres_hung(site):
    """Every PostgreSQL process stopped (SIGSTOP): open connections stay open and nothing
    answers. Requests wait (libpq has no client-side query timeout; new connections give
    up after DB_CONNECT_TIMEOUT with a 503); when it resumes they are answered and
    nothing is lost."""
    phase = Phase(site, "postgres_hung").run(site.pg.hang, site.pg.resume)
    result = phase.record()
    statuses = {h.status for h in phase.during_hits}
    assert phase.during_hits
    assert not phase.late_writes(), phase.late_writes()
    assert statuses <= {200, 503}, result
    assert phase.recovery is not None and phase.recovery <= RECOVERY_LIMIT, result
    assert site.alive()
    assert_all_ok(phase.after_hits, "after PostgreSQL resumed")
    assert result["log_bytes_during"] < LOG_LIMIT, result


def test_logs_are_lines_with_request_ids(site):
    """Each app server's log: JSON lines (gunicorn's own lines aside), errors with a
    request id, repeats counted rather than written."""
    text = site.log_text()
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors, "the outage was logged"
    assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in errors)
    # every failure names its error (/readyz answers 503 without one: it is a report)
    assert all(line.get("error") for line in errors if line.get("path") != "/readyz")
    requests_503 = RESULTS["postgres_stopped"]["during"]["status"].get("503", 0)
    assert len(errors) < max(10, requests_503 / 20), (len(errors), requests_503)
    RESULTS["log_total_bytes"] = len(text.encode())
    RESULTS["log_error_lines"] = len(errors)


# --- no acknowledged write lost, nothing half-written ---------------------------------------
def test_no_acknowledged_write_lost_or_half_stored(site):
    assert WRITES, "the phases wrote"
    rows = site.pg.psql(
        "SELECT id, version, title FROM articles_article WHERE title LIKE 'Tin mới %'", "newsroom"
    )
    stored = {}
    for row in rows.splitlines():
        pk, version, title = row.split("|", 2)
        stored[int(pk)] = (int(version), title)
    newest = {}
    for write in WRITES:
        if not write.get("failed"):
            newest[write["id"]] = write  # later writes of an id come later
    for pk, write in newest.items():
        assert pk in stored, f"acknowledged write lost: {write}"
        assert stored[pk][0] == write["version"] and stored[pk][1] == write["title"], write
    titles = {title for _version, title in stored.values()}
    for write in WRITES:
        if write.get("failed"):  # refused writes left nothing behind
            assert write["attempt"] not in titles, write
    half = site.pg.psql(
        "SELECT count(*) FROM articles_article a WHERE NOT EXISTS (SELECT 1 FROM "
        "articles_articlerevision r WHERE r.article_id = a.id AND r.version = a.version)",
        "newsroom",
    )
    assert half == "0", "an article without the revision of its version"
    orphans = site.pg.psql(
        "SELECT count(*) FROM articles_articlerevision r JOIN articles_article a "
        "ON a.id = r.article_id WHERE r.version > a.version",
        "newsroom",
    )
    assert orphans == "0"
    RESULTS["writes"] = {
        "acknowledged": sum(1 for w in WRITES if not w.get("failed")),
        "failed": sum(1 for w in WRITES if w.get("failed")),
        "lost": 0,
    }
