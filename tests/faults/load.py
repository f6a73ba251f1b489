"""A bounded loopback load: reader threads (http.client) cycling through the site's
pages on every app server, for at most `seconds` and `max_requests`; a probe that finds
each acknowledged write on the home page; numbers out of the results."""

import http.client
import itertools
import json
import math
import threading
import time
from dataclasses import dataclass

MAINTENANCE = "Hệ thống đang bảo trì, xin quay lại sau ít phút"


@dataclass
class Hit:
    started: float  # time.time()
    kind: str
    port: int
    status: int  # 0: no answer (refused, reset, timed out)
    seconds: float
    retry_after: str | None = None
    maintenance: bool = False
    error: str = ""

    @property
    def ended(self):
        return self.started + self.seconds


def fetch(port, path, *, method="GET", body=None, headers=None, timeout=10.0):
    """(status, headers dict, body text) of one request; status 0 when no answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    except (OSError, http.client.HTTPException) as error:
        return 0, {}, f"{type(error).__name__}: {error}"
    finally:
        conn.close()


class Load:
    """Readers on pages {kind: path} across ports; start(), then stop() or wait(). A
    "{n}" in a path becomes the request's number (a page no cache holds)."""

    def __init__(self, ports, pages, *, threads=16, seconds=30.0, max_requests=50_000):
        self.ports = list(ports)
        self.pages = dict(pages)
        self.threads = threads
        self.seconds = seconds
        self.max_requests = max_requests
        self.hits = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._count = itertools.count()
        self._workers = []

    def _read(self, offset):
        kinds = list(self.pages)
        deadline = time.monotonic() + self.seconds
        for n in itertools.count(offset):
            if self._stop.is_set() or time.monotonic() >= deadline:
                return
            number = next(self._count)
            if number >= self.max_requests:
                return
            kind = kinds[n % len(kinds)]
            port = self.ports[(n // len(kinds)) % len(self.ports)]
            path = self.pages[kind].replace("{n}", str(number))  # a page never asked before
            started = time.time()
            tick = time.monotonic()
            status, headers, body = fetch(port, path)
            hit = Hit(
                started=started,
                kind=kind,
                port=port,
                status=status,
                seconds=time.monotonic() - tick,
                retry_after=headers.get("retry-after"),
                maintenance=MAINTENANCE in body,
                error=body[:200] if status == 0 or status >= 500 else "",
            )
            with self._lock:
                self.hits.append(hit)

    def start(self):
        for n in range(self.threads):
            worker = threading.Thread(target=self._read, args=(n,), daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def stop(self):
        self._stop.set()
        self.wait()

    def wait(self):
        for worker in self._workers:
            worker.join(self.seconds + 30)

    def between(self, start, end):
        with self._lock:
            return [h for h in self.hits if start <= h.started < end]


class Writes:
    """Reads the writer process's JSON lines in a thread: acknowledged and failed writes."""

    def __init__(self, process):
        self.process = process
        self.acked = []
        self.failed = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        for line in self.process.stdout:
            try:
                write = json.loads(line)
            except ValueError:
                continue
            (self.acked if write.get("ok") else self.failed).append(write)

    def wait(self, timeout):
        try:
            self.process.wait(timeout)
        except Exception:
            self.process.kill()
            self.process.wait(5)
        self._thread.join(5)


class HomeProbe:
    """Fetches the home page every `interval` and notes when each acknowledged write's
    title first appears there: seconds from the acknowledgement to visibility."""

    def __init__(self, ports, writes, *, interval=0.1, seconds=60.0):
        self.ports = ports
        self.writes = writes
        self.interval = interval
        self.seconds = seconds
        self.seen = {}  # title -> seconds after acknowledgement
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._probe, daemon=True)

    def _probe(self):
        deadline = time.monotonic() + self.seconds
        for n in itertools.count():
            if self._stop.is_set() or time.monotonic() >= deadline:
                return
            fetched_at = time.time()
            status, _headers, body = fetch(self.ports[n % len(self.ports)], "/")
            if status == 200:
                for write in list(self.writes.acked):
                    title = write["title"]
                    if title not in self.seen and title in body:
                        self.seen[title] = max(0.0, fetched_at - write["at"])
            time.sleep(self.interval)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(10)


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def status_mix(hits):
    mix = {}
    for hit in hits:
        mix[str(hit.status)] = mix.get(str(hit.status), 0) + 1
    return dict(sorted(mix.items()))


def summary(hits):
    times = [h.seconds for h in hits]
    return {
        "requests": len(hits),
        "status": status_mix(hits),
        "p50_ms": round(1000 * percentile(times, 50), 1) if times else None,
        "p99_ms": round(1000 * percentile(times, 99), 1) if times else None,
        "max_ms": round(1000 * max(times), 1) if times else None,
    }
