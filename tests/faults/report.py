"""The fault tests' numbers (test-output/faults.json) as the Markdown table of
docs/operations.md:  python -m tests.faults.report"""

import json
import sys
from pathlib import Path

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output"


def mix(status):
    return ", ".join(f"{n}× {code}" for code, n in status.items())


def main(path=None):
    results = json.loads(Path(path or Path(OUTPUT_DIR) / "faults.json").read_text())
    rows = [
        "| phase | requests during | status mix during | p99 before → during | recovery "
        "| log bytes during |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    load = results.get("load")
    if load:
        rows.append(
            f"| load held ({load['seconds']:.0f} s, {load['readers']} readers, "
            f"{load['writes']} writes) | {load['requests']} | {mix(load['status'])} | "
            f"p99 {load['p99_ms']:.0f} ms | writes on home within "
            f"{load['visible_on_home_max_s']} s | – |"
        )
    names = {
        "redis_stopped": "Redis stopped",
        "redis_hung": "Redis hung (SIGSTOP)",
        "postgres_stopped": "PostgreSQL stopped",
        "postgres_hung": "PostgreSQL hung (SIGSTOP)",
    }
    for key, name in names.items():
        phase = results.get(key)
        if not phase:
            continue
        rows.append(
            f"| {name}, {phase['outage_seconds']:.0f} s | {phase['during']['requests']} | "
            f"{mix(phase['during']['status'])} | {phase['before']['p99_ms']:.0f} → "
            f"{phase['during']['p99_ms']:.0f} ms | {phase['recovery_seconds']} s | "
            f"{phase['log_bytes_during']:,} |"
        )
    lines = ["\n".join(rows)]
    pg = results.get("postgres_stopped")
    if pg:
        pages = ", ".join(f"{k} {mix(v['status'])}" for k, v in pg["during_by_page"].items())
        lines.append(f"PostgreSQL stopped, by page: {pages}; `/healthz` {pg['health_during']}, "
                     f"`/readyz` {pg['ready_during']} during the outage.")  # fmt: skip
    writes = results.get("writes")
    if writes:
        lines.append(
            f"Writes: {writes['acknowledged']} acknowledged, all stored with their revisions; "
            f"{writes['failed']} refused during the outage, none left anything; "
            f"{writes['lost']} lost."
        )
    if "log_total_bytes" in results:
        lines.append(
            f"Logs of both app servers for the whole run: {results['log_total_bytes']:,} bytes, "
            f"{results['log_error_lines']} error lines."
        )
    print("\n\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:])
