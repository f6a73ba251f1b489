"""Load held (make bench-faults): readers on home, article, section and search while an
editor publishes or edits once a second, against the fault tests' own site (its own
PostgreSQL and Redis, app servers with DEBUG off on loopback ports).

    python -m tests.faults.bench [--seconds 60] [--readers 32] [--servers 2] [--workers 1]

Prints the status mix, latency percentiles per page, and how long each acknowledged
write took to show on the home page. Exits 1 on any error or a write seen later than 1 s.
"""

import argparse
import json
import sys
import time

from .load import HomeProbe, Load, Writes, percentile, summary
from .site import Site


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    args = parser.parse_args(argv)

    print(f"setting up: {args.servers} app servers x {args.workers} worker(s), own PostgreSQL "
          "and Redis", flush=True)  # fmt: skip
    site = Site(servers=args.servers, workers=args.workers).start()
    try:
        # warm the caches as a running site has them
        Load(site.ports, site.info["pages"], threads=4, seconds=3).start().wait()
        print(f"load: {args.readers} readers for {args.seconds:.0f} s, one write a second",
              flush=True)  # fmt: skip
        writer = Writes(site.writer(int(args.seconds), "bench"))
        probe = HomeProbe(site.ports, writer, seconds=args.seconds + 5).start()
        started = time.monotonic()
        load = Load(
            site.ports, site.info["pages"], threads=args.readers, seconds=args.seconds,
            max_requests=1_000_000,
        ).start()  # fmt: skip
        load.wait()
        elapsed = time.monotonic() - started
        writer.wait(15)
        time.sleep(1.5)
        probe.stop()
    finally:
        site.close()

    hits = load.hits
    total = summary(hits)
    errors = sum(n for status, n in total["status"].items() if status != "200")
    delays = [probe.seen.get(w["title"]) for w in writer.acked]
    unseen = sum(1 for d in delays if d is None)
    seen = [d for d in delays if d is not None]
    result = {
        "seconds": round(elapsed, 1),
        "readers": args.readers,
        "servers": args.servers,
        "workers_per_server": args.workers,
        "requests_per_second": round(len(hits) / elapsed, 1),
        **total,
        "errors": errors,
        "p95_ms": round(1000 * percentile([h.seconds for h in hits], 95), 1) if hits else None,
        "by_page": {k: summary([h for h in hits if h.kind == k]) for k in site.info["pages"]},
        "writes_acknowledged": len(writer.acked),
        "writes_failed": len(writer.failed),
        "visible_on_home_p50_s": round(percentile(seen, 50), 2) if seen else None,
        "visible_on_home_max_s": round(max(seen), 2) if seen else None,
        "writes_never_seen": unseen,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    late = [d for d in seen if d > 1.0]
    ok = errors == 0 and not writer.failed and not unseen and not late
    print("OK" if ok else "FAILED: errors, failed writes or writes later than 1 s on home")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
