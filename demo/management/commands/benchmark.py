"""`manage.py benchmark --articles 1000000`: the public pages through gunicorn and wrk.

Against the PostgreSQL database of DATABASE_URL: fills it with the synthetic archive
(demo/bench_fill.py, up to --articles; VACUUM ANALYZE), collects the static files, starts
its own redis-server (--redis-port, no persistence) and gunicorn (-w 2, DEBUG off,
SECURE_SSL_REDIRECT=0, CONN_MAX_AGE=600, the page cache on that Redis), then runs wrk
against /healthz and every kind of public page, cached (warmed, anonymous) and
uncached (the same request with a session cookie: the page cache never serves those),
and prints requests per second, p50 and p99 latency and each page's ratio to /healthz:
/healthz is measured right before every page and the page's ratio taken against it;
medians of --rounds rounds, with the range of the ratio.
Stops redis and gunicorn afterwards. Numbers only: nothing here asserts a time.
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

from articles.models import Article, Tag
from demo import bench_fill
from sections.models import Section

UNCACHED = "Cookie: sessionid=benchmark"
# Searches timed one request at a time (uncached): a common phrase toneless and with its
# tones, a rare one, common syllables never together, one common syllable, a long phrase.
# Four syllables each in most of the archive, never together.
NO_MATCH_COMMON = "bóng đá công đoàn"
SEARCHES = (
    "công đoàn",
    "cong doan",
    "tàu vũ trụ",
    NO_MATCH_COMMON,
    "bóng",
    "người lao động thủ đô hà nội",
)
SEARCH_REQUESTS = 30
# The deepest numbered page a list offers (reader.pagination.MAX_PAGES; demo may not
# import the reader).
MAX_PAGES = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"{url} did not answer")


def parse_wrk(output):
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def ms(label):
        found = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, ms("50"), ms("99"), int(errors.group(1)) if errors else 0


class Command(BaseCommand):
    help = "Fill PostgreSQL and measure the public pages through gunicorn -w 2 and wrk."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--duration", type=int, default=4, help="seconds per page and round")
        parser.add_argument(
            "--rounds",
            type=int,
            default=3,
            help="times every page is measured (each after its own /healthz); medians printed",
        )
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--redis-port", type=int, default=6391)
        parser.add_argument("--no-fill", action="store_true")

    def handle(
        self, *args, articles, duration, rounds, connections, redis_port, no_fill, **options
    ):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL (DATABASE_URL=postgres://…).")
        for tool in ("wrk", "redis-server", "redis-cli"):
            if not shutil.which(tool):
                raise CommandError(f"{tool} is missing (Debian: apt-get install wrk redis-server)")
        if not no_fill:
            before = bench_fill.bench_count()
            seconds = bench_fill.fill(articles, log=self.stdout.write)
            self.stdout.write(
                f"fill: {max(0, articles - before)} articles added in {seconds:.0f} s "
                "(VACUUM ANALYZE included)"
            )
        total = Article.objects.published().count()
        self.stdout.write(f"database: PostgreSQL, {total} published articles")
        pages = self.pages()
        with tempfile.TemporaryDirectory() as static_root:
            env = self.server_env(static_root, redis_port)
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                env=env,
                check=True,
                cwd=settings.BASE_DIR,
            )
            subprocess.run(
                ["redis-server", "--port", str(redis_port), "--daemonize", "yes", "--save", ""],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            port = free_port()
            server = subprocess.Popen(
                [
                    str(Path(sys.executable).with_name("gunicorn")),
                    "-w",
                    "2",
                    "-b",
                    f"127.0.0.1:{port}",
                    "--access-logfile",
                    "/dev/null",
                    "newsroom.wsgi:application",
                ],
                env=env,
                cwd=settings.BASE_DIR,
                start_new_session=True,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for(base + "/healthz")
                self.run_all(base, pages, duration, connections, max(1, rounds))
                self.time_searches(base)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(30)
                subprocess.run(
                    ["redis-cli", "-p", str(redis_port), "shutdown", "nosave"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )

    def server_env(self, static_root, redis_port):
        db = settings.DATABASES["default"]
        url = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "CONN_MAX_AGE": "600",
            "DATABASE_URL": os.environ.get("DATABASE_URL", url),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "STATIC_ROOT": static_root,
            "LOG_LEVEL": "WARNING",
            "TASKS_BACKEND": "immediate",
        }
        return env

    def pages(self):
        live = Article.objects.published()
        article = live.order_by("-published_at", "-id")[min(500, live.count() - 1)]
        section = (
            Section.objects.filter(parent=None, children__isnull=False).first() or article.section
        )
        # The article's most used tag: a full page of it at 2,000 articles too, so both
        # sizes render the same page (a tag with 16 articles at 2,000 has 8,000 at 1M).
        tag = (
            Tag.objects.filter(tagged_articles__content_object=article)
            .annotate(uses=Count("tagged_articles"))
            .order_by("-uses", "pk")
            .first()
        )
        return [
            ("healthz", "/healthz"),
            ("article", article.get_absolute_url()),
            ("home", "/"),
            ("section p.1", section.get_absolute_url()),
            (f"section p.{MAX_PAGES}", f"{section.get_absolute_url()}?page={MAX_PAGES}"),
            ("tag", tag.get_absolute_url()),
            ("search common", "/tim-kiem/?q=c%C3%B4ng+%C4%91o%C3%A0n"),
            ("search no-match", "/tim-kiem/?q=t%C3%A0u+v%C5%A9+tr%E1%BB%A5"),
            ("search no-match common", "/tim-kiem/?q=" + quote_plus(NO_MATCH_COMMON)),
            ("rss", "/rss/home.rss"),
            ("sitemap index", "/sitemap.xml"),
            ("sitemap month", "/sitemap-articles.xml"),
        ]

    def wrk(self, url, duration, connections, header=None):
        command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--latency"]
        if header:
            command += ["-H", header]
        done = subprocess.run(command + [url], capture_output=True, text=True, check=True)
        return parse_wrk(done.stdout)

    def run_all(self, base, pages, duration, connections, rounds):
        # Every cached page first, then every uncached one, with a pause after each:
        # a slow page's queue must not spill into the next measurement. /healthz is
        # measured right before every page and the page's ratio taken against that
        # one, so the machine's drift over the minutes of a run does not read as a
        # page's cost; the medians of `rounds` such pairs are printed.
        health_path = pages[0][1]
        runs = [(name, path, "cached", None) for name, path in pages[1:]]
        runs += [(name, path, "uncached", UNCACHED) for name, path in pages[1:]]
        measured = {}
        for _round in range(rounds):
            for name, path, variant, header in runs:
                url = base + path
                headers = dict([header.split(": ", 1)]) if header else {}
                request = urllib.request.Request(url, headers=headers)
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    state = response.headers.get("X-Page-Cache", "")
                health = self.wrk(base + health_path, duration, connections)
                measured.setdefault(pages[0][0], []).append((*health, "", 1.0))
                time.sleep(0.5)
                rate, p50, p99, errors = self.wrk(url, duration, connections, header)
                label = f"{name} {variant}".strip()
                measured.setdefault(label, []).append(
                    (rate, p50, p99, errors, state, rate / health[0])
                )
                time.sleep(1.5)
        self.stdout.write(
            f"{rounds} rounds of {duration} s per page, each page after its own /healthz run; "
            "medians, the range of the ratio in brackets"
        )
        self.stdout.write(
            f"{'page':<33}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}"
            f"{'(min-max)':>14}{'non-2xx':>9}  cache"
        )
        for label, found in measured.items():
            rate, p50, p99 = (statistics.median(row[i] for row in found) for i in range(3))
            ratios = [row[5] for row in found]
            errors = sum(row[3] for row in found)
            spread = f"({min(ratios):.3f}-{max(ratios):.3f})"
            self.stdout.write(
                f"{label:<33}{rate:>9.1f}{p50:>9.2f}{p99:>9.2f}"
                f"{statistics.median(ratios):>8.3f}{spread:>14}{errors:>9}  {found[-1][4]}"
            )

    def time_searches(self, base):
        """Each of SEARCHES, one request at a time with a session (never from the page
        cache): the whole page's latency as a reader sees it, p50 and p95."""
        name, value = UNCACHED.split(": ", 1)
        self.stdout.write(
            f"search pages one at a time, uncached, {SEARCH_REQUESTS} requests each (ms)"
        )
        self.stdout.write(f"{'phrase':<32}{'p50':>8}{'p95':>8}{'max':>8}  status")
        for phrase in SEARCHES:
            request = urllib.request.Request(
                f"{base}/tim-kiem/?q={quote_plus(phrase)}", headers={name: value}
            )
            times, statuses = [], set()
            for _ in range(SEARCH_REQUESTS + 1):
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                        response.read()
                        statuses.add(response.status)
                except urllib.error.HTTPError as error:
                    statuses.add(error.code)
                times.append((time.perf_counter() - started) * 1000)
            times = sorted(times[1:])  # the first request warms the worker
            p95 = times[int(0.95 * (len(times) - 1))]
            self.stdout.write(
                f"{phrase:<32}{statistics.median(times):>8.1f}{p95:>8.1f}{times[-1]:>8.1f}"
                f"  {','.join(map(str, sorted(statuses)))}"
            )
