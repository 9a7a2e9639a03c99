"""Pages under load: gunicorn (bench.settings, 2 sync workers) measured with wrk.

Run as `python -m bench.http` (the `make bench` orchestrator does). It fills the
bench database once (bench.seed), counts each page's SQL queries in-process, then
runs wrk at concurrency 16 against every page, alternating rounds with the baseline
view, and writes its figures as JSON to the path in BENCH_HTTP_RESULT.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
BASELINE = "/bench/baseline/"
ONLY = [name for name in os.environ.get("BENCH_PAGES", "").split(",") if name]


@dataclass
class Page:
    name: str
    path: str
    user: str = "bench-staff"  # or "bench-coordinator"
    api: bool = False  # token authentication (`Authorization: Token …`), as API clients do


def pages() -> list[Page]:
    from django.urls import reverse

    from evaluation.models import JointActivity
    from outreach.models import Sector
    from partnerships.models import Organisation, PartnershipRequest
    from risk.models import RiskAssessment

    from .seed import BUSY_CONTACT, BUSY_ORGANISATION

    sector = Sector.objects.order_by("pk").first()
    duplicate = Organisation.objects.order_by("pk").values_list("pk", flat=True)[1]
    waiting = PartnershipRequest.objects.filter(status="submitted").order_by("pk").first()
    coordinator = "bench-coordinator"
    assessment = RiskAssessment.objects.order_by("-pk").values_list("pk", flat=True).first()
    activity = JointActivity.objects.order_by("-pk").values_list("pk", flat=True).first()
    # An organisation the registry holds, typed again: the check must find it.
    typed = urlencode({"name": Organisation.objects.get(pk=duplicate).name})
    return [
        Page("organisation_list", "/organisations/"),
        Page("organisation_search", "/organisations/?q=harbour"),
        Page("organisation_filtered", "/organisations/?kind=media&country=NL"),
        Page("organisation_page_1000", "/organisations/?page=1000"),
        Page("organisation_detail", f"/organisations/{BUSY_ORGANISATION}/"),
        Page("contact_list", "/outreach/contacts/"),
        Page("contact_filtered", f"/outreach/contacts/?sector={sector.pk}&consent=yes"),
        Page("contact_detail", f"/outreach/contacts/{BUSY_CONTACT}/"),
        Page("approach_create", "/outreach/approaches/new/"),
        Page("organisation_merge", f"/organisations/{duplicate}/merge/"),
        Page("review_queue", "/admin/partnerships/partnershiprequest/queue/", coordinator),
        Page(
            "review_page",
            f"/admin/partnerships/partnershiprequest/{waiting.pk}/change/",
            coordinator,
        ),
        Page("dashboard", "/"),
        Page("reminders", "/reminders/"),
        Page("priorities", "/outreach/priorities/"),
        Page("relationship_check", f"/organisations/matches/?{typed}"),
        # Risk and evaluation, landed after the first list of pages.
        Page("risk_register", "/risk/"),
        Page("assessment_detail", f"/risk/assessments/{assessment}/"),
        Page("activity_list", "/evaluation/activities/"),
        Page("activity_detail", f"/evaluation/activities/{activity}/"),
        Page("api_organisations", reverse("api_organisations-list"), api=True),
        Page("api_contacts", reverse("api_contacts-list"), api=True),
    ]


def available(page: Page) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(page.path.split("?")[0])
    except Resolver404:
        return False
    return True


def sessions() -> dict[str, str]:
    """A session cookie per login, and an API key for the staff member (key "api")."""
    from django.test import Client

    from accounts.models import User
    from accounts.tokens import api_token_create

    cookies = {}
    for username in ("bench-staff", "bench-coordinator"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = client.cookies["sessionid"].value
    _, cookies["api"] = api_token_create(
        user=User.objects.get(username="bench-staff"), name="bench"
    )
    return cookies


def headers_for(page: Page, cookies: dict[str, str]) -> dict[str, str]:
    if page.api:
        return {"Authorization": f"Token {cookies['api']}"}
    return {"Cookie": f"sessionid={cookies[page.user]}"}


def count_queries(page: Page, headers: dict[str, str]) -> tuple[int, int, int, float]:
    """(status, bytes, SQL queries, median milliseconds of five requests) in-process:
    the time one request costs with no queue in front of it, steadier than wrk's
    figures on a machine shared with others."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={k: v for k, v in headers.items() if k != "Cookie"})
    if "Cookie" in headers:
        client.cookies["sessionid"] = headers["Cookie"].split("=", 1)[1]
    client.get(page.path)  # warm: the first request of a process loads templates
    timings = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(page.path)
            timings.append((time.perf_counter() - start) * 1000)
    return response.status_code, len(response.content), len(queries), median(timings)


def start_gunicorn(env: dict[str, str]) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", str(WORKERS),
        "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning", "--timeout", "120",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path: str, headers: dict[str, str]) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{DURATION}s", "--latency", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION + 120,
    ).stdout
    latency = {q: float(v) * UNITS[u] for q, v, u in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency.get("50", 0.0),
        "p99_ms": latency.get("99", 0.0),
        "errors": int(errors.group(1)) if errors else 0,
    }


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    rates = [run["rps"] for run in runs]
    return {
        "rps": median(rates),
        "rps_min": min(rates),
        "rps_max": max(rates),
        "p50_ms": median(run["p50_ms"] for run in runs),
        "p99_ms": median(run["p99_ms"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
    }


def measure(targets: list[Page], cookies: dict[str, str]) -> tuple[dict, dict, list[float]]:
    server = start_gunicorn({"DJANGO_SETTINGS_MODULE": "bench.settings"})
    try:
        baseline_runs, page_runs = [], {page.name: [] for page in targets}
        for round_number in range(1, ROUNDS + 1):
            baseline_runs.append(wrk(BASELINE, {}))
            print(f"round {round_number}: baseline {baseline_runs[-1]['rps']:.1f} req/s")
            for page in targets:
                page_runs[page.name].append(wrk(page.path, headers_for(page, cookies)))
                run = page_runs[page.name][-1]
                print(f"round {round_number}: {page.name:24} {run['rps']:8.1f} req/s  "
                      f"p50 {run['p50_ms']:7.1f} ms  p99 {run['p99_ms']:7.1f} ms"
                      + (f"  {run['errors']} non-2xx/3xx!" if run["errors"] else ""))  # fmt: skip
        rss = worker_rss_mb(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return summary(baseline_runs), {n: summary(r) for n, r in page_runs.items()}, rss


def main() -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from .seed import seed

    if not shutil.which("wrk"):
        print("wrk is missing: install Debian's package (apt-get install wrk) and run again.")
        return 1
    call_command("migrate", verbosity=0)
    seed_rate = seed()
    cookies = sessions()
    targets, queries, unavailable = [], {}, []
    for page in pages():
        if ONLY and page.name not in ONLY:
            continue
        if not available(page):
            print(f"{page.name:24} not available ({page.path} has no view on this branch)")
            unavailable.append(page.name)
            continue
        status, size, count, server_ms = count_queries(page, headers_for(page, cookies))
        print(f"{page.name:24} HTTP {status}, {size / 1024:7.1f} kB, {count:3d} SQL queries, "
              f"{server_ms:6.1f} ms in-process")  # fmt: skip
        queries[page.name] = {"status": status, "bytes": size, "queries": count,
                              "server_ms": server_ms}  # fmt: skip
        targets.append(page)
    status, size, count, server_ms = count_queries(Page("baseline", BASELINE), {})
    print(f"{'baseline':24} HTTP {status}, {size / 1024:7.1f} kB, {count:3d} SQL queries, "
          f"{server_ms:6.1f} ms in-process")  # fmt: skip
    if status != 200:
        print("The baseline view does not answer 200: no ratio can be computed.")
        return 1
    baseline, results, rss = measure(targets, cookies)
    baseline["server_ms"] = server_ms
    for name, result in results.items():
        result.update(queries[name])
        result["ratio"] = result["rps"] / baseline["rps"]
    result_path = Path(os.environ.get("BENCH_HTTP_RESULT", ROOT / "var/bench/http.json"))
    result_path.parent.mkdir(parents=True, exist_ok=True)
    result_path.write_text(
        json.dumps(
            {
                "baseline": baseline,
                "pages": results,
                "unavailable": unavailable,
                "seed_rows_per_s": seed_rate,
                "worker_rss_mb": rss,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
