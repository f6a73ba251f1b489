"""The site under test: its own PostgreSQL cluster and Redis (tests.faults.services), the
schema and some content, and app servers (gunicorn, DEBUG off) on spare loopback ports,
each writing its log to a file. Everything lives in one temporary directory and is torn
down by close()."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .load import fetch
from .services import PostgresCluster, RedisServer, free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE = "newsroom"


class Site:
    def __init__(self, *, servers=2, workers=1, extra_env=None):
        self.servers = servers
        self.workers = workers
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-site-"))
        self.pg = PostgresCluster()
        self.redis = RedisServer()
        self.extra_env = extra_env or {}
        self.apps = []  # (port, Popen, log path)
        self.info = None
        self.ports = []

    @property
    def env(self):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_URL": self.pg.url(DATABASE),
            "REDIS_URL": self.redis.url,
            "DEBUG": "0",
            "SECRET_KEY": "fault-tests-only-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "STATIC_ROOT": str(self.dir / "static"),
            "MEDIA_ROOT": str(self.dir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "TASKS_BACKEND": "immediate",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    def manage(self, *args, timeout=300):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-3000:]}")
        return result.stdout

    def sitectl(self, *args, timeout=300):
        result = subprocess.run(
            [sys.executable, "-m", "tests.faults.sitectl", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"sitectl {' '.join(args)}: {result.stderr[-3000:]}")
        return result.stdout

    def writer(self, count, token):
        """The writer process (tests.faults.sitectl writer): one JSON line per write."""
        return subprocess.Popen(
            [sys.executable, "-m", "tests.faults.sitectl", "writer", str(count), token],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def start(self):
        self.pg.init().start()
        self.pg.psql(f"CREATE DATABASE {DATABASE}")
        self.redis.start()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.info = json.loads(self.sitectl("setup"))
        self.pg.psql("VACUUM ANALYZE", DATABASE)
        for n in range(self.servers):
            port = free_port()
            log = self.dir / f"app{n}.log"
            process = subprocess.Popen(
                [str(BIN / "gunicorn"), "newsroom.wsgi", "--workers", str(self.workers),
                 "--bind", f"127.0.0.1:{port}", "--timeout", "30", "--graceful-timeout", "3",
                 "--backlog", "256", "--no-control-socket"],
                cwd=ROOT, env=self.env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            )  # fmt: skip
            self.apps.append((port, process, log))
            self.ports.append(port)
        for port in self.ports:
            wait_for_port(port, timeout=60)
        if wait_until(self.pages_ok, timeout=90, interval=0.5) is None:
            raise RuntimeError("the app servers never answered: " + self.log_text()[-3000:])
        return self

    def pages_ok(self):
        """Every page on every app server answers 200."""
        return all(
            fetch(port, path, timeout=5)[0] == 200
            for port in self.ports
            for path in self.info["pages"].values()
        )

    def log_bytes(self):
        return sum(log.stat().st_size for _port, _process, log in self.apps)

    def log_text(self):
        return "".join(log.read_text(errors="replace") for _port, _process, log in self.apps)

    def alive(self):
        return all(process.poll() is None for _port, process, _log in self.apps)

    def close(self):
        for _port, process, _log in self.apps:
            if process.poll() is None:
                process.terminate()
        for _port, process, _log in self.apps:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        try:
            self.redis.close()
        finally:
            try:
                self.pg.close()
            finally:
                keep = os.environ.get("FAULTS_KEEP_LOGS")
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    for _port, _process, log in self.apps:
                        shutil.copy(log, keep)
                shutil.rmtree(self.dir, ignore_errors=True)


def wait_until(predicate, *, timeout, interval=0.05):
    """Seconds until predicate() was true, or None after timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(interval)
    return None
