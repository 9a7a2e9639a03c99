"""The existing-relationship check at 100,000 organisations (issue 12).

Target: under 50 ms per check on PostgreSQL, with the trigram index on name_key
fetching the candidates. Names are built from real-looking words so that trigrams
overlap the way a real registry's do (not "Synthetic organisation 000123").

Its own database: BENCH_RELATIONSHIP_DATABASE_URL (default `pd_bench_relationship` on
127.0.0.1, created if missing; never the pages' or the mailing benchmark's data set).
BENCH_ORGANISATIONS (default 100000) organisations are kept between runs.
`python -m bench.relationship_check` runs it: every query of QUERIES BENCH_CHECK_ROUNDS
times (default 30, after a warm-up round), then p50 and p99 over all the checks, the
slowest query's median, and the SQL statements per check. BENCH_EXPLAIN=1 also prints
EXPLAIN ANALYZE of the candidate query for each typed name (the profile to read when
the target is missed). BENCH_RELATIONSHIP_RESULT names a JSON file for the figures.
"""

import json
import math
import os
import random
import sys
import time
from pathlib import Path
from statistics import median

from bench.mailing import ROOT, ensure_database

DATABASE_URL = os.environ.get(
    "BENCH_RELATIONSHIP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pd_bench_relationship"
)
SIZE = int(os.environ.get("BENCH_ORGANISATIONS", "100000"))
ROUNDS = int(os.environ.get("BENCH_CHECK_ROUNDS", "30"))
TARGET_MS = 50
DOMAIN = ".bench.example.org"
# Words many organisations share, and made-up words for what makes each one itself
# (a real registry's names are mostly their own words, in many languages).
GENERIC = [
    "Human",
    "Rights",
    "Justice",
    "Peace",
    "Action",
    "Aid",
    "Solidarity",
    "Network",
    "Forum",
    "Alliance",
    "Council",
    "Women",
    "Youth",
    "Children",
    "Refugees",
    "Workers",
    "Lawyers",
    "Doctors",
    "Green",
    "Free",
    "Unity",
    "Dignity",
    "Voice",
    "Centre",
]
TAILS = [
    "Foundation",
    "Association",
    "Society",
    "Collective",
    "Trust",
    "Initiative",
    "Institute",
    "Stichting",
]
PLACES = [
    "Amsterdam",
    "Utrecht",
    "Leiden",
    "Groningen",
    "Tilburg",
    "Arnhem",
    "Delft",
    "Zwolle",
    "Breda",
    "Haarlem",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ve",
    "ra",
    "tu",
    "sen",
    "dor",
    "fal",
    "gri",
    "nob",
    "pel",
    "quin",
    "ros",
    "tam",
    "vel",
    "wik",
    "zar",
    "bel",
    "cor",
]
QUERIES = [
    {"name": "Médecins Sans Frontières Nederland"},
    {"name": "Oxfam Novib", "website": "https://www.oxfamnovib.nl"},
    {"name": "Amnesty Intl"},
    {"name": "Grenpeace"},
    {"name": "Human Rigths Watch"},
    {"name": "HRW"},
    {"name": "Kalomi Human Rights Network Leiden"},
    {"name": "Dorfal Justice", "email": "info@dorfal-justice.nl"},
    {"name": "Rights Forum"},
    {"name": "Human Rights Foundation Amsterdam"},
]
REAL = [
    ("Médecins Sans Frontières (MSF)", "https://www.msf.org"),
    ("Oxfam International", "https://www.oxfam.org"),
    ("Amnesty International", "https://www.amnesty.org"),
    ("Greenpeace International", "https://www.greenpeace.org"),
    ("Human Rights Watch", "https://www.hrw.org"),
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def _name(rng: random.Random) -> str:
    parts = [_word(rng) for _ in range(rng.choice((1, 1, 2)))]
    parts += rng.sample(GENERIC, rng.choice((0, 1, 1, 2)))
    if rng.random() < 0.4:
        parts.append(rng.choice(TAILS))
    if rng.random() < 0.3:
        parts.append(rng.choice(PLACES))
    return " ".join(parts)


def create_organisations() -> None:
    from partnerships.models import Organisation
    from partnerships.models.organisations import OrganisationKind

    existing = Organisation.objects.filter(website__endswith=DOMAIN).count()
    rng = random.Random(12)
    batch = []
    for number in range(existing, SIZE):
        organisation = Organisation(
            name=_name(rng),
            kind=OrganisationKind.HUMAN_RIGHTS,
            website=f"https://org{number}{DOMAIN}",
        )
        organisation.refresh_match_keys()  # bulk_create skips save()
        batch.append(organisation)
    Organisation.objects.bulk_create(batch, batch_size=5000)
    for name, website in REAL:
        if not Organisation.objects.filter(name=name).exists():
            Organisation.objects.create(
                name=name, website=website, kind=OrganisationKind.HUMAN_RIGHTS
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE partnerships_organisation")


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the value below which `fraction` of the checks fall."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def bench_checks(rounds: int = ROUNDS) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.selectors import find_existing_relationships

    for query in QUERIES:  # warm-up: the first call pays for imports and cold pages
        find_existing_relationships(**query)
    samples: list[float] = []
    per_query = []
    for query in QUERIES:
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            matches = find_existing_relationships(**query)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            find_existing_relationships(**query)
        samples += timings
        per_query.append(
            {
                "name": query["name"],
                "median_ms": median(timings),
                "p99_ms": percentile(timings, 0.99),
                "matches": [m.organisation.name for m in matches],
                "queries": len(captured),
            }
        )
    return {
        "checks": len(samples),
        "p50_ms": percentile(samples, 0.50),
        "p99_ms": percentile(samples, 0.99),
        "per_query": per_query,
    }


def explain_candidates() -> None:
    """EXPLAIN ANALYZE of each typed name's candidate query (the one that touches the
    100,000 rows; the others read eight rows by primary key)."""
    from django.db import connection

    from partnerships.matching import MatchKeys
    from partnerships.selectors import candidate_query

    for query in QUERIES:
        candidates, threshold = candidate_query(MatchKeys.build(**query))
        sql, params = candidates.query.sql_with_params()
        with connection.cursor() as cursor:
            if threshold is not None:
                cursor.execute(
                    "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                    [str(threshold)],
                )
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n    ".join(row[0] for row in cursor.fetchall())
        print(f"\n  {query['name']}:\n    {plan}")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    ensure_database(DATABASE_URL)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DEBUG": "false",
            "DATABASE_URL": DATABASE_URL,
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from partnerships.models import Organisation

    create_organisations()
    total = Organisation.objects.count()
    result = bench_checks()
    print(f"Existing-relationship check over {total:,} organisations, "
          f"{result['checks']} checks ({ROUNDS} per typed name):")  # fmt: skip
    for row in result["per_query"]:
        found = ", ".join(row["matches"][:3]) + (" …" if len(row["matches"]) > 3 else "")
        print(f"  {row['name'][:38]:38} median {row['median_ms']:6.1f} ms  p99 "
              f"{row['p99_ms']:6.1f} ms  {row['queries']} SQL  {len(row['matches'])}: {found}")  # fmt: skip
    met = result["p99_ms"] <= TARGET_MS
    print(f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms "
          f"(target p99 {TARGET_MS} ms: {'met' if met else 'MISSED'})")  # fmt: skip
    if os.environ.get("BENCH_EXPLAIN"):
        explain_candidates()
    if out := os.environ.get("BENCH_RELATIONSHIP_RESULT"):
        Path(out).write_text(json.dumps({"organisations": total, **result}, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
