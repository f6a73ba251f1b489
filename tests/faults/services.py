"""Throwaway Redis and PostgreSQL servers for the fault tests: each on a spare loopback
port, in a temporary directory, started, stopped, hung (SIGSTOP) and resumed by the test,
and always torn down. The machine's own services are never touched."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, *, timeout=20.0, up=True):
    """Wait until something listens on port (or, with up=False, nothing does)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} still {'down' if up else 'up'} after {timeout} s")


def _as_postgres(args):
    """argv running args as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", PG_USER, "--", *args]
    return list(args)


class RedisServer:
    """redis-server --port N, no persistence, in a temporary directory."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="newsroom-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.resume()
            self.process.kill()
            self.process.wait(10)
        self.process = None
        wait_for_port(self.port, up=False, timeout=5)

    def hang(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)

    def close(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


class PostgresCluster:
    """A PostgreSQL cluster of its own (initdb, pg_ctl) on a spare port, trust auth."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="newsroom-pg-")
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "server.log")
        self._hung = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, PG_USER, PG_USER)

    def url(self, database="postgres"):
        return f"postgres://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args, check=True):
        return subprocess.run(
            _as_postgres(args), check=check, capture_output=True, text=True, timeout=120
        )

    def init(self):
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            self.data,
            "-U",
            PG_USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.dir}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=60 -c shared_buffers=32MB"
        )
        self._run(str(PG_BIN / "pg_ctl"), "-D", self.data, "-l", self.log, "-o", options, "-w",
                  "start")  # fmt: skip
        return self

    def stop(self, mode="fast"):
        self._run(str(PG_BIN / "pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def pids(self):
        """The postmaster and every backend it forked (this cluster's processes only)."""
        with open(os.path.join(self.data, "postmaster.pid")) as pidfile:
            postmaster = int(pidfile.readline())
        pids = [postmaster]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                if parent == postmaster:
                    pids.append(int(entry))
        return pids

    def hang(self):
        """SIGSTOP the whole cluster: connections stay open and nothing answers."""
        self._hung = self.pids()
        for pid in self._hung:
            os.kill(pid, signal.SIGSTOP)

    def resume(self):
        for pid in self._hung:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self._hung = []

    def psql(self, sql, database="postgres"):
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-w", "-X", "-At", "-v", "ON_ERROR_STOP=1",
             "-d", self.url(database), "-c", sql],
            check=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return result.stdout.strip()

    def close(self):
        try:
            self.resume()
            self.stop("immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
