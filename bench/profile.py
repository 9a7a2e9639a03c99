"""One page in-process: milliseconds, SQL queries, the slowest queries and a profile.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://…/pd_bench \
        python -m bench.profile api_contacts [organisation_detail …] [--sql] [--explain] [--profile [--flat]]

With no page name it times every page of bench.http.pages() (and the baseline) as
bench.http does before its wrk runs: the median of five requests after a warm one; and
the CPU time this process spent per request (steadier on a loaded machine).
--sql lists each page's queries slowest first, --explain runs EXPLAIN ANALYZE on the
slowest three (--explain-all: on every read), --profile prints a pyinstrument profile of three requests (--flat: by function). It only reads.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def client_for(page, headers):
    from django.test import Client

    client = Client(headers={k: v for k, v in headers.items() if k != "Cookie"})
    if "Cookie" in headers:
        client.cookies["sessionid"] = headers["Cookie"].split("=", 1)[1]
    return client


def slowest_queries(page, headers, explain: bool | str, limit: int = 8) -> None:
    from django.db import connection

    timed: list[tuple[float, str, tuple]] = []

    def timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append(((time.perf_counter() - start) * 1000, sql, params))

    client = client_for(page, headers)
    client.get(page.path)
    with connection.execute_wrapper(timer):
        client.get(page.path)
    queries = sorted(timed, key=lambda q: -q[0])
    print(f"  {len(queries)} queries, {sum(q[0] for q in queries):.1f} ms in SQL")
    for ms, sql, _ in queries[:limit]:
        print(f"  {ms:7.1f} ms  {sql[:300]}")
    if not explain:
        return
    for _, sql, params in queries if explain == "all" else queries[:3]:
        if not sql.lstrip().upper().startswith(("SELECT", "(", "WITH")):
            continue
        with connection.cursor() as cursor:
            print(f"\n  {cursor.mogrify(sql, params).decode()}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n  " + "\n  ".join(row[0] for row in cursor.fetchall()) + "\n")


def cpu_ms(page, headers, runs: int = 5) -> float:
    """This process's CPU time per request (median): on a machine others load, a
    steadier measure of the Python side than the wall clock (SQL time not included)."""
    from statistics import median

    client = client_for(page, headers)
    client.get(page.path)
    times = []
    for _ in range(runs):
        start = time.process_time()
        client.get(page.path)
        times.append((time.process_time() - start) * 1000)
    return median(times)


def profile(page, headers, flat: bool) -> None:
    from pyinstrument import Profiler

    client = client_for(page, headers)
    client.get(page.path)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(3):
        client.get(page.path)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False, flat=flat))


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from .http import BASELINE, Page, available, count_queries, headers_for, pages, sessions

    flags = {arg for arg in argv if arg.startswith("--")}
    names = [arg for arg in argv if not arg.startswith("--")]
    cookies = sessions()
    every = {page.name: page for page in pages()}
    every["baseline"] = Page("baseline", BASELINE)
    unknown = [name for name in names if name not in every]
    if unknown:
        print("unknown page(s): " + ", ".join(unknown) + "; known: " + ", ".join(every))
        return 2
    for name in names or list(every):
        page = every[name]
        if not available(page):
            print(f"{name:24} not available")
            continue
        headers = {} if name == "baseline" else headers_for(page, cookies)
        status, size, count, server_ms = count_queries(page, headers)
        print(f"{name:24} HTTP {status}, {size / 1024:7.1f} kB, {count:3d} SQL queries, "
              f"{server_ms:6.1f} ms in-process, {cpu_ms(page, headers):6.1f} ms CPU")  # fmt: skip
        if flags & {"--sql", "--explain", "--explain-all"}:
            explain = "all" if "--explain-all" in flags else "--explain" in flags
            slowest_queries(page, headers, explain=explain)
        if "--profile" in flags:
            profile(page, headers, flat="--flat" in flags)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
