"""The existing-relationship check at 100,000 organisations (issue 12).

Target: under 50 ms per check on PostgreSQL, with the trigram index on name_key
fetching the candidates. Names are built from real-looking words so that trigrams
overlap the way a real registry's do (not "Synthetic organisation 000123").

BENCH_DATABASE_URL (default a database `partnerdesk_bench` on 127.0.0.1, created if
missing); BENCH_ORGANISATIONS (default 100000) organisations are kept between runs.
`python -m bench relationship_check` runs only this one.
"""

import os
import random
import sys
import time
from statistics import median

from bench.mailing import DATABASE_URL, ROOT, ensure_database

SIZE = int(os.environ.get("BENCH_ORGANISATIONS", "100000"))
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


def bench_checks(rounds: int = 5) -> list[tuple[str, float, int]]:
    from partnerships.selectors import find_existing_relationships

    results = []
    for query in QUERIES:
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            matches = find_existing_relationships(**query)
            timings.append((time.perf_counter() - started) * 1000)
        results.append((query["name"], median(timings), len(matches)))
    return results


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
    print(f"Existing-relationship check over {Organisation.objects.count():,} organisations:")
    results = bench_checks()
    for name, ms, found in results:
        print(f"  {name[:40]:40} {ms:6.1f} ms  {found} match(es)")
    worst = max(ms for _, ms, _ in results)
    print(
        f"Slowest median {worst:.1f} ms (target {TARGET_MS} ms: {'met' if worst <= TARGET_MS else 'MISSED'})"
    )
    return 0 if worst <= TARGET_MS else 1
