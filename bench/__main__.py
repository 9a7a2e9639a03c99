"""`make bench`: the page benchmark (bench.http) and the mailing benchmark
(bench.mailing), each in its own process and database, then one table and
var/bench/latest.json (and a timestamped copy) shaped as issue 15 asks.

BENCH_SKIP=http or BENCH_SKIP=mailing leaves one out (its figures stay null).
"""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.mailing import ensure_database

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pd_bench")
MAILING_DATABASE_URL = os.environ.get(
    "BENCH_MAILING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pd_bench_mailing"
)
SKIP = set(os.environ.get("BENCH_SKIP", "").split(","))
PAGE_NAMES = [
    "organisation_list", "organisation_search", "organisation_filtered",
    "organisation_page_1000", "organisation_detail", "contact_list", "contact_filtered",
    "contact_detail", "approach_create", "organisation_merge", "review_queue", "review_page",
    "dashboard", "reminders", "priorities", "relationship_check", "risk_register",
    "assessment_detail", "activity_list", "activity_detail", "api_organisations",
    "api_contacts",
]  # fmt: skip
# Issue 15's targets: ratio to the baseline and p99 per page.
DASHBOARD_RATIO, PAGE_RATIO, PAGE_P99_MS, CHECK_P99_MS, RSS_MB = 2.0, 1.0, 100, 50, 250


def run(module: str, env: dict[str, str]) -> dict | None:
    result = OUT / f"{module}.json"
    result.unlink(missing_ok=True)
    variable = "BENCH_HTTP_RESULT" if module == "http" else "BENCH_MAILING_RESULT"
    completed = subprocess.run(
        [sys.executable, "-m", f"bench.{module}"],
        cwd=ROOT,
        env={**os.environ, **env, variable: str(result), "PYTHONUNBUFFERED": "1"},
    )
    if completed.returncode != 0 or not result.exists():
        print(f"bench.{module} failed (exit {completed.returncode})")
        return None
    return json.loads(result.read_text())


def target_of(name: str) -> tuple[float, float]:
    if name == "dashboard":
        return DASHBOARD_RATIO, PAGE_P99_MS
    if name == "relationship_check":
        return 0.0, CHECK_P99_MS
    return PAGE_RATIO, PAGE_P99_MS


def print_table(http: dict) -> None:
    base = http["baseline"]
    print(f"\nBaseline (50 rows, one slice, no count): {base['rps']:.1f} req/s "
          f"(min {base['rps_min']:.1f}, max {base['rps_max']:.1f}; one request "
          f"{base['server_ms']:.1f} ms in-process)")  # fmt: skip
    print(f"{'page':24} {'req/s':>7} {'min':>7} {'max':>7} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'ratio':>6} {'SQL':>4} {'kB':>7} {'1 req ms':>8}  target")  # fmt: skip
    for name in PAGE_NAMES:
        page = http["pages"].get(name)
        if page is None:
            print(f"{name:24} not available")
            continue
        ratio, p99 = target_of(name)
        met = page["ratio"] >= ratio and page["p99_ms"] <= p99 and page["queries"] <= 15
        print(f"{name:24} {page['rps']:7.1f} {page['rps_min']:7.1f} {page['rps_max']:7.1f} "
              f"{page['p50_ms']:8.1f} {page['p99_ms']:8.1f} {page['ratio']:6.2f} "
              f"{page['queries']:4d} {page['bytes'] / 1024:7.1f} {page['server_ms']:8.1f}  "
              f"{'met' if met else 'MISSED'}")  # fmt: skip
    rss = http["worker_rss_mb"]
    print(f"gunicorn worker RSS after the run: {', '.join(f'{mb:.0f} MB' for mb in rss)} "
          f"(target < {RSS_MB} MB: {'met' if max(rss, default=0) < RSS_MB else 'MISSED'})")  # fmt: skip


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    http = mailing = None
    if "http" not in SKIP:
        ensure_database(DATABASE_URL)
        http = run("http", {"DATABASE_URL": DATABASE_URL})
    if "mailing" not in SKIP:
        mailing = run("mailing", {"BENCH_MAILING_DATABASE_URL": MAILING_DATABASE_URL})
    keys = ["rps", "p50_ms", "p99_ms", "ratio", "queries"]
    report = {
        "pages": {
            name: {key: page[key] for key in keys}
            for name, page in (http or {"pages": {}})["pages"].items()
        },
        "baseline_rps": http["baseline"]["rps"] if http else None,
        "mailing": mailing,
        "seed_rows_per_s": http["seed_rows_per_s"] if http else None,
    }
    if http:
        print_table(http)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in (OUT / "latest.json", OUT / f"{stamp}.json"):
        path.write_text(json.dumps(report, indent=2))
    print(f"\nWritten {OUT / 'latest.json'} and {OUT / f'{stamp}.json'}")
    return 0 if (http or "http" in SKIP) and (mailing or "mailing" in SKIP) else 1


if __name__ == "__main__":
    sys.exit(main())
