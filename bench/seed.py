"""The bench data set: 100,000 organisations, 1,000,000 contacts and their kin, once.

Organisations are built in Python (their match keys come from partnerships.matching)
and COPYed; everything else is generated inside PostgreSQL from `generate_series`
with `setseed`, so the data is the same on every machine and loads in minutes. A
`bench_seed` row records a finished load: the next run reuses the data.

The load is a bulk load, not application traffic: the secondary indexes of the loaded
tables are dropped first and built once at the end (a B-tree or trigram index built
over a million sorted rows costs a fraction of a million inserts into it), and, where
the role may, foreign-key triggers are skipped (`session_replication_role`), since the
rows are generated consistent and Django's deferred checks would otherwise queue one
trigger event per row until the commit.
"""

import io
import os
import random
import time

from django.db import DatabaseError, connection, transaction

# 2: risk assessments and evaluations; every match key of the organisations.
# 3: each organisation's name starts with a word of its own, as real names do.
# 4: each organisation's website and e-mail under a domain of its own.
# 5: the bench's staff member leads, assesses and records one in a hundred (as with the
#    approaches: a reminders page of hundreds, not of thousands); the coordinator the rest.
SEED_VERSION = "5"
# BENCH_SCALE=0.01 tries the load on a hundredth of the data (it is recorded as such).
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
ORGANISATIONS = int(100_000 * SCALE)
CONTACTS = int(1_000_000 * SCALE)
REQUESTS = int(20_000 * SCALE)
PARTNERSHIPS = int(5_000 * SCALE)
APPROACHES = int(200_000 * SCALE)
RISK_ASSESSMENTS = int(20_000 * SCALE)
ACTIVITIES = int(10_000 * SCALE)
COALITIONS = 100
COALITION_MEMBERS = 20
LOCAL_GROUPS = 50
SECTORS = 10
KEYWORDS = 100
# One organisation and one contact carry a long history: the detail pages' worst case.
BUSY_ORGANISATION = 1
BUSY_CONTACT = 1

TABLES = [
    "partnerships_requestevent", "partnerships_checklistanswer",
    "partnerships_partnership_organisations", "partnerships_partnership",
    "partnerships_partnershiprequest", "partnerships_coalitionmembership",
    "partnerships_coalition", "outreach_approach", "outreach_employment",
    "outreach_contact_sectors", "outreach_contact_keywords", "outreach_contact",
    "outreach_sector_organisations", "outreach_sector", "outreach_keyword",
    "partnerships_organisation", "accounts_user", "accounts_localgroup",
    "risk_riskline", "risk_riskassessment", "evaluation_target", "evaluation_evaluation",
    "evaluation_jointactivity",
]  # fmt: skip

ADJECTIVES = [
    "Green",
    "Open",
    "Free",
    "United",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Civic",
    "Young",
    "Global",
    "Rural",
    "Urban",
    "Coastal",
    "Mountain",
    "River",
    "Valley",
    "Lakeside",
    "Harbour",
    "Bright",
    "New",
    "Old",
    "Royal",
    "Little",
    "Great",
    "Common",
    "Public",
    "Independent",
    "Peoples",
    "Social",
    "Democratic",
    "Catholic",
    "Protestant",
    "Islamic",
    "Jewish",
    "Secular",
    "Student",
    "Womens",
    "Mens",
]
NOUNS = [
    "Rights",
    "Justice",
    "Future",
    "Hope",
    "Dignity",
    "Voices",
    "Bridges",
    "Hands",
    "Roots",
    "Wings",
    "Light",
    "Horizon",
    "Freedom",
    "Peace",
    "Solidarity",
    "Action",
    "Care",
    "Health",
    "Education",
    "Learning",
    "Law",
    "Media",
    "Press",
    "Arts",
    "Culture",
    "Heritage",
    "Nature",
    "Climate",
    "Water",
    "Land",
    "Housing",
    "Labour",
    "Workers",
    "Teachers",
    "Nurses",
    "Doctors",
    "Lawyers",
    "Farmers",
    "Fishers",
    "Miners",
    "Writers",
    "Artists",
    "Youth",
    "Elders",
    "Families",
    "Children",
    "Refugees",
    "Migrants",
    "Neighbours",
    "Citizens",
    "Volunteers",
    "Friends",
    "Allies",
    "Partners",
]
FORMS = [
    "Network",
    "Alliance",
    "Union",
    "Council",
    "Forum",
    "Collective",
    "Trust",
    "Society",
    "Federation",
    "Circle",
    "Coalition",
    "Centre",
    "Institute",
    "Committee",
    "League",
    "Guild",
    "Movement",
    "Platform",
    "Initiative",
    "Group",
]
PLACES = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Leiden",
    "Delft",
    "Groningen",
    "Maastricht",
    "Nijmegen",
    "Tilburg",
    "Breda",
    "Arnhem",
    "Zwolle",
    "Haarlem",
    "Eindhoven",
    "Enschede",
    "Almere",
    "Apeldoorn",
    "Deventer",
    "Gouda",
    "Alkmaar",
    "Lyon",
    "Porto",
    "Gent",
    "Antwerpen",
    "Bremen",
    "Hamburg",
    "Aarhus",
    "Malmo",
    "Bergen",
    "Cork",
    "Bristol",
    "Leeds",
    "Bilbao",
    "Turin",
    "Krakow",
    "Brno",
    "Graz",
    "Lille",
    "Nantes",
    "Dakar",
    "Accra",
    "Nairobi",
    "Lima",
    "Quito",
    "Manila",
    "Dhaka",
    "Lagos",
    "Kampala",
]
SYLLABLES = [
    "ba", "ko", "ri", "ta", "mel", "su", "van", "lo", "de", "ni", "zu", "pra", "ke", "mo",
    "tri", "sa", "gu", "fen", "ola", "ix", "du", "ra", "ve", "no", "bi", "ska", "lu", "mi",
]  # fmt: skip
KINDS = [
    "trade_union", "religious", "school", "professional", "business", "solidarity",
    "arms_control", "hr_education", "funding", "academic", "development", "environmental",
    "umbrella", "community", "government", "igo", "media", "human_rights",
]  # fmt: skip
COUNTRIES = ["NL", "BE", "DE", "FR", "GB", "ES", "IT", "PL", "KE", "NG", "PE", "PH", "BD", "SN"]
STATUSES = ["prospect", "active", "dormant", "ended", "declined"]
REQUEST_STATUSES = [
    "draft", "submitted", "in_review", "needs_information", "approved", "declined",
    "escalated", "withdrawn", "noted",
]  # fmt: skip
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chloe",
    "Daan",
    "Emma",
    "Finn",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jan",
    "Kim",
    "Lars",
    "Maud",
    "Noah",
    "Olga",
    "Pieter",
    "Quinn",
    "Roos",
    "Sem",
    "Tess",
    "Umar",
    "Vera",
    "Wim",
    "Xander",
    "Yara",
    "Zoe",
    "Amina",
    "Bilal",
    "Carmen",
    "Dmitri",
    "Esra",
    "Fatima",
    "Goran",
    "Hiroshi",
    "Ines",
    "Jamal",
    "Kofi",
    "Leila",
    "Mehmet",
    "Nadia",
    "Omar",
    "Priya",
    "Rania",
    "Sanne",
    "Tariq",
]
LAST_NAMES = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Dijkstra",
    "Vermeulen",
    "Kok",
    "Jacobs",
    "Brouwer",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Peeters",
    "Maes",
    "Schmidt",
    "Muller",
    "Garcia",
    "Lopez",
    "Rossi",
    "Nowak",
    "Okafor",
    "Mensah",
    "Otieno",
    "Santos",
    "Reyes",
    "Rahman",
    "Diallo",
    "Haddad",
    "Yilmaz",
    "Kowalski",
    "Novak",
    "Ivanova",
    "Nielsen",
    "Larsen",
    "Murphy",
    "Walsh",
]


def seed_version() -> str:
    return SEED_VERSION if SCALE == 1 else f"{SEED_VERSION}-scale-{SCALE}"


def already_seeded() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_seed') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT 1 FROM bench_seed WHERE version = %s", [seed_version()])
        return cursor.fetchone() is not None


def seed() -> float:
    """Load the data set unless it is there; return the rows per second of the load
    (or of the recorded load when reused)."""
    if already_seeded():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rows / seconds FROM bench_seed WHERE version = %s", [seed_version()]
            )
            rate = cursor.fetchone()[0]
        print(f"Reusing the bench data set (loaded at {rate:,.0f} rows/s).")
        return rate
    print("Loading the bench data set (once; later runs reuse it) ...")
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        skip_foreign_key_triggers(cursor)
        indexes = drop_secondary_indexes(cursor)
        cursor.execute("SELECT setseed(0.15)")
        people()
        began = time.perf_counter()
        copy_organisations(cursor)
        print(f"  partnerships_organisation: {ORGANISATIONS:,} rows in "
              f"{time.perf_counter() - began:.1f} s")  # fmt: skip
        for step in SQL_STEPS:
            began = time.perf_counter()
            cursor.execute(step)
            table = step.split("INSERT INTO ", 1)[1].split()[0]
            print(f"  {table}: {cursor.rowcount:,} rows in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        for definition in indexes:
            cursor.execute(definition)
        print(f"  {len(indexes)} indexes built in {time.perf_counter() - began:.1f} s")
        rows = sum(table_rows(cursor, table) for table in TABLES)
    # VACUUM sets the visibility map (index-only scans); it cannot run in a transaction.
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {', '.join(TABLES)}")
    print(f"  VACUUM ANALYZE in {time.perf_counter() - began:.1f} s")
    seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_seed (version text PRIMARY KEY, rows bigint, "
            "seconds double precision, loaded_at timestamptz DEFAULT now())"
        )
        cursor.execute(
            "INSERT INTO bench_seed (version, rows, seconds) VALUES (%s, %s, %s)",
            [seed_version(), rows, seconds],
        )
    rate = rows / seconds
    print(f"Loaded {rows:,} rows in {seconds:.0f} s: {rate:,.0f} rows/s.")
    return rate


def skip_foreign_key_triggers(cursor) -> None:
    """Foreign keys unchecked for this transaction, when the role may (a superuser);
    otherwise the load is only slower."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        print("  (foreign keys checked row by row: the role may not skip their triggers)")


def drop_secondary_indexes(cursor) -> list[str]:
    """Drop the loaded tables' indexes that back no constraint; return their
    definitions, to build them again once the rows are in."""
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i
           WHERE i.indrelid = ANY(%s::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [TABLES],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in found]


def table_rows(cursor, table: str) -> int:
    cursor.execute(f"SELECT count(*) FROM {table}")
    return cursor.fetchone()[0]


def people() -> None:
    """Logins through the ORM (roles are groups): one staff member, one coordinator,
    a login per local group."""
    from django.contrib.auth.models import Group, Permission

    from accounts.models import LocalGroup, User
    from accounts.roles import Role

    staff = User.objects.create_user("bench-staff", "staff@bench.example.org", is_staff=True)
    staff.groups.add(Group.objects.get(name=Role.SECTION_STAFF.value))
    staff.user_permissions.add(Permission.objects.get(codename="view_at_risk_contact"))
    coordinator = User.objects.create_user(
        "bench-coordinator", "coordinator@bench.example.org", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR.value))
    group_role = Group.objects.get(name=Role.LOCAL_GROUP.value)
    for n in range(1, LOCAL_GROUPS + 1):
        group = LocalGroup.objects.create(
            name=f"Bench group {n:02d}", contact_email=f"group{n}@bench.example.org"
        )
        User.objects.create_user(f"bench-group-{n:02d}", local_group=group).groups.add(group_role)


def organisation_rows(rng: random.Random):
    from partnerships.matching import match_keys

    for n in range(1, ORGANISATIONS + 1):
        # A made-up word first: four common words from small lists alone would give
        # thousands of organisations one name core, which no registry has, and the
        # existing-relationship check would score them all.
        own = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        name = " ".join(
            (own, rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(FORMS), rng.choice(PLACES))
        )
        acronym = "".join(word[0] for word in name.split()) + (str(n % 97) if n % 3 else "")
        # A domain of its own, as real organisations have: under one shared domain every
        # organisation would be a "sister" of every other to the relationship check.
        website = f"https://www.{acronym.lower()}{n}.org" if n % 4 else ""
        email = f"info@{acronym.lower()}{n}.org" if n % 5 else ""
        keys = match_keys(name=name, acronym=acronym, website=website, email=email)
        yield (
            name, acronym, rng.choice(KINDS), rng.choice(["local", "national", "regional"]),
            rng.choice(COUNTRIES), website, email, rng.random() < 0.5, rng.random() < 0.4,
            rng.choices(STATUSES, weights=[50, 25, 15, 6, 4])[0],
            *(keys[key] for key in MATCH_KEYS),
        )  # fmt: skip


MATCH_KEYS = [
    "name_key", "acronym_key", "website_domain", "email_domain", "core_key", "initials_key",
    "website_family", "email_family",
]  # fmt: skip


def copy_organisations(cursor) -> None:
    columns = (
        "name, acronym, kind, scope, country, website, email, focus_civil_political, "
        f"focus_economic_social_cultural, relationship_status, {', '.join(MATCH_KEYS)}, "
        "region, phone, mandate_summary, track_record, "
        "trust_notes, external_id, indigenous_led, culturally_diverse, disability_advocacy, "
        "lgbtqi, created_at, updated_at"
    )
    blank = "\t" * 6 + "\t".join(["false"] * 4)
    buffer = io.StringIO()
    for n, row in enumerate(organisation_rows(random.Random(15)), start=1):
        values = "\t".join(str(v).lower() if isinstance(v, bool) else v for v in row)
        stamp = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d} 12:00:00+00"
        buffer.write(f"{values}\t{blank}\t{stamp}\t{stamp}\n")
    buffer.seek(0)
    cursor.cursor.copy_expert(f"COPY partnerships_organisation ({columns}) FROM STDIN", buffer)


def _pick(words: list[str], expression: str = "random()") -> str:
    quoted = ",".join(f"'{w}'" for w in words)
    return f"(ARRAY[{quoted}])[1 + floor({expression} * {len(words)})::int]"


STAFF = "(SELECT id FROM accounts_user WHERE username = 'bench-staff')"
COORDINATOR = "(SELECT id FROM accounts_user WHERE username = 'bench-coordinator')"

SQL_STEPS = [
    # Sectors and the keyword vocabulary.
    f"""INSERT INTO outreach_sector (name, slug, description)
        SELECT 'Sector ' || n, 'sector-' || n, '' FROM generate_series(1::bigint, {SECTORS}) n""",
    f"""INSERT INTO outreach_keyword (name)
        SELECT 'keyword ' || n FROM generate_series(1::bigint, {KEYWORDS}) n""",
    # Contacts: 65 % consent, 4 % withdrawn, 8 % unsubscribed or bounced, 1 % at risk.
    f"""INSERT INTO outreach_contact (first_name, last_name, email, phone, individual_kind,
            occupation, country, languages, language, mailing_consent, consent_given_at, consent_source,
            consent_withdrawn_at, status, is_at_risk, created_at, updated_at, owner_id)
        SELECT {_pick(FIRST_NAMES, "r1")}, {_pick(LAST_NAMES, "r2")},
            CASE WHEN n % 33 = 0 THEN '' ELSE 'contact' || n || '@bench.example.org' END, '',
            {_pick(["teacher", "lawyer", "journalist", "doctor", "other", ""], "r3")},
            {_pick(["teacher", "lawyer", "journalist", "doctor", "nurse", "student"], "r3")},
            {_pick(COUNTRIES, "r4")}, 'en', CASE WHEN n % 7 = 0 THEN 'fr' ELSE '' END,
            r5 < 0.65, CASE WHEN r5 < 0.69 THEN now() - (n % 700) * interval '1 day' END,
            CASE WHEN r5 < 0.69 THEN 'bench sign-up' ELSE '' END,
            CASE WHEN r5 >= 0.65 AND r5 < 0.69 THEN now() - (n % 30) * interval '1 day' END,
            CASE WHEN r6 < 0.05 THEN 'unsubscribed' WHEN r6 < 0.08 THEN 'bounced'
                 ELSE 'active' END,
            n % 100 = 0, now() - (n % 900) * interval '1 day',
            now() - (n % 400) * interval '1 day', CASE WHEN n % 10 = 0 THEN {STAFF} END
        FROM (SELECT n, random() r1, random() r2, random() r3, random() r4, random() r5,
                     random() r6
              FROM generate_series(1::bigint, {CONTACTS}) n) g ORDER BY n""",
    # Interests: one or two sectors each, a keyword for 60 %.
    f"""INSERT INTO outreach_contact_sectors (contact_id, sector_id)
        SELECT n, 1 + n % {SECTORS} FROM generate_series(1::bigint, {CONTACTS}) n
        UNION ALL
        SELECT n, 1 + (n / 2) % {SECTORS} FROM generate_series(1::bigint, {CONTACTS}) n
        WHERE n % 2 = 0 AND (n / 2) % {SECTORS} <> n % {SECTORS}""",
    f"""INSERT INTO outreach_contact_keywords (contact_id, keyword_id)
        SELECT n, 1 + n % {KEYWORDS} FROM generate_series(1::bigint, {CONTACTS}) n WHERE n % 5 < 3""",
    # Half the contacts work somewhere; the busy contact in ten places.
    f"""INSERT INTO outreach_employment (contact_id, organisation_id, role, start_date, end_date)
        SELECT n, 1 + (n * 7919) % {ORGANISATIONS}, 'Member', current_date - (n % 3000)::int,
               CASE WHEN n % 5 = 0 THEN current_date - (n % 300)::int END
        FROM generate_series(2::bigint, {CONTACTS}, 2) n
        UNION ALL
        SELECT {BUSY_CONTACT}, 1 + (n * 101) % {ORGANISATIONS}, 'Adviser', current_date - 400, NULL
        FROM generate_series(1::bigint, 10) n""",
    f"""INSERT INTO outreach_sector_organisations (sector_id, organisation_id)
        SELECT 1 + n % {SECTORS}, n FROM generate_series(1::bigint, {ORGANISATIONS}, 5) n""",
    # Approaches: 40 % plan a follow-up, half of those done (the bench's staff member
    # owns one in a hundred: a reminders page of hundreds, not of 80,000); the busy
    # organisation and contact get hundreds.
    f"""INSERT INTO outreach_approach (approached_on, channel, ask, why, what_they_can_do,
            check_right_person, check_what_they_can_do, check_clear_ask, check_why,
            check_only_possible, check_current_concerns, check_enough_information,
            check_copied_on_action, check_follow_up_agreed, check_regular_contact, outcome,
            outcome_notes, reported_actions, follow_up_on, followed_up_at, follow_up_notes,
            created_at, updated_at, created_by_id, follow_up_owner_id, organisation_id,
            contact_id)
        SELECT current_date - (n % 720)::int, {_pick(["meeting", "phone", "email", "letter"], "r1")},
            'Write to the minister about case ' || n, '', '',
            r2 < 0.9, r2 < 0.8, r2 < 0.7, r2 < 0.6, r2 < 0.5, true, true, false, r2 < 0.5, false,
            {_pick(["awaiting", "agreed", "partly", "declined", "no_response"], "r3")}, '', '',
            CASE WHEN r4 < 0.4 THEN current_date + (n % 61)::int - 30 END,
            CASE WHEN r4 < 0.2 THEN now() - (n % 20) * interval '1 day' END, '',
            now() - (n % 720) * interval '1 day', now(), {STAFF},
            CASE WHEN r4 < 0.4 AND n % 100 = 0 THEN {STAFF} END,
            CASE WHEN n % 500 = 0 THEN {BUSY_ORGANISATION}
                 WHEN n % 3 = 0 THEN 1 + (n * 31) % {ORGANISATIONS} END,
            CASE WHEN n % 700 = 1 THEN {BUSY_CONTACT}
                 WHEN n % 3 <> 0 OR n % 2 = 0 THEN 1 + (n * 7907) % {CONTACTS} END
        FROM (SELECT n, random() r1, random() r2, random() r3, random() r4
              FROM generate_series(1::bigint, {APPROACHES}) n) g ORDER BY n""",
    # Partnership requests in every state from every group; events for their moves.
    f"""INSERT INTO partnerships_partnershiprequest (status, purposes, methods, activity_title,
            activity_description, activity_starts_on, activity_ends_on, activity_place,
            expected_public, visibility, partner_gains, partner_demands, joins_coalition,
            submitted_at, decided_at, created_at, updated_at, created_by_id, local_group_id,
            organisation_id, relationship_matches)
        SELECT s.status, '["visibility"]', '["provide_information", "campaigning"]',
            'Bench activity ' || n, 'A stall at the market.', current_date + (n % 200)::int, NULL,
            'Utrecht', 'About 200 passers-by', 'co_branded', 'Visibility', 'A day of work',
            n % 10 = 0,
            CASE WHEN s.status <> 'draft' THEN now() - (n % 120) * interval '1 day' END,
            CASE WHEN s.status IN ('approved', 'declined', 'escalated', 'noted')
                 THEN now() - (n % 60) * interval '1 day' END,
            now() - (n % 150) * interval '1 day', now(), u.id, u.local_group_id,
            CASE WHEN n % 400 = 0 THEN {BUSY_ORGANISATION}
                 ELSE 1 + (n * 13) % {ORGANISATIONS} END, '[]'
        FROM generate_series(1::bigint, {REQUESTS}) n
        JOIN (SELECT ordinality - 1 AS k, status
              FROM unnest(ARRAY{REQUEST_STATUSES!r}) WITH ORDINALITY AS t(status)) s
          ON s.k = n % {len(REQUEST_STATUSES)}
        JOIN accounts_user u ON u.username = 'bench-group-' || lpad((1 + n % {LOCAL_GROUPS})::text, 2, '0')
        ORDER BY n""",
    f"""INSERT INTO partnerships_requestevent (from_status, to_status, created_at, comment,
            internal_note, actor_id, request_id, email_error)
        SELECT 'draft', 'submitted', submitted_at, '', '', created_by_id, id, ''
        FROM partnerships_partnershiprequest WHERE status <> 'draft'
        UNION ALL
        SELECT 'in_review', status, decided_at, 'Thank you: decided after review.', '',
               {COORDINATOR}, id, ''
        FROM partnerships_partnershiprequest WHERE decided_at IS NOT NULL""",
    f"""INSERT INTO partnerships_partnership (title, methods, visibility, starts_on, ends_on,
            status, created_at, updated_at, lead_id, local_group_id, originating_request_id)
        SELECT 'Bench partnership ' || n, '["campaigning"]', 'co_branded',
            current_date - (n % 900)::int, NULL, CASE WHEN n % 5 = 0 THEN 'concluded' ELSE 'active' END,
            now(), now(), CASE WHEN n % 100 = 0 THEN {STAFF} ELSE {COORDINATOR} END, NULL, NULL
        FROM generate_series(1::bigint, {PARTNERSHIPS}) n""",
    f"""INSERT INTO partnerships_partnership_organisations (partnership_id, organisation_id)
        SELECT n, CASE WHEN n % 100 = 0 THEN {BUSY_ORGANISATION}
                       ELSE 1 + (n * 17) % {ORGANISATIONS} END
        FROM generate_series(1::bigint, {PARTNERSHIPS}) n""",
    f"""INSERT INTO partnerships_coalition (name, purpose, scope, section_is_member,
            secretariat_rotation_start, secretariat_term_months, section_secretariat_position,
            created_at)
        SELECT 'Bench coalition ' || n, 'Working together.', 'national', n % 2 = 0, NULL, 12,
               NULL, now()
        FROM generate_series(1::bigint, {COALITIONS}) n""",
    f"""INSERT INTO partnerships_coalitionmembership (coalition_id, organisation_id, role,
            joined_on, left_on, secretariat_position)
        SELECT c, CASE WHEN m = 0 THEN {BUSY_ORGANISATION}
                       ELSE 1 + (c * 997 + m * 4999) % {ORGANISATIONS} END,
               'member', current_date - 365, NULL, NULL
        FROM generate_series(1::bigint, {COALITIONS}) c, generate_series(0::bigint, {COALITION_MEMBERS - 1}) m
        WHERE m > 0 OR c % 10 = 0""",
    # Risk assessments: a quarter of requests (the busy organisation's among them), some
    # partnerships, and organisations directly (the busy one a hundred times); three
    # lines each. A third are drafts.
    f"""INSERT INTO risk_riskassessment (title, assessed_on, status, review_on, rating,
            check_past_actions, check_past_actions_note, check_affiliations,
            check_affiliations_note, check_speakers, check_speakers_note, check_major_parties,
            check_major_parties_note, check_religious, check_religious_note,
            check_indigenous, check_indigenous_note, created_at, updated_at, assessor_id,
            organisation_id, partnership_id, partnership_request_id)
        SELECT '', current_date - (n % 400)::int,
            CASE WHEN n % 3 = 0 THEN 'draft' ELSE 'complete' END,
            CASE WHEN n % 3 <> 0 THEN current_date - (n % 400)::int + 30 + (n % 365)::int END,
            {_pick(["low", "medium", "high", "severe", "do_not_participate"], "r1")},
            r2 < 0.8, '', r2 < 0.6, '', r2 < 0.5, '', r2 < 0.3, '', r2 < 0.2, '', r2 < 0.1, '',
            now() - (n % 400) * interval '1 day', now(),
            CASE WHEN n % 100 = 0 THEN {STAFF} ELSE {COORDINATOR} END,
            CASE WHEN n % 4 >= 2 THEN
                CASE WHEN n % 200 = 2 THEN {BUSY_ORGANISATION}
                     ELSE 1 + (n * 37) % {ORGANISATIONS} END END,
            CASE WHEN n % 4 = 1 THEN 1 + (n * 11) % {PARTNERSHIPS} END,
            CASE WHEN n % 4 = 0 AND n <= {REQUESTS} THEN n END
        FROM (SELECT n, random() r1, random() r2
              FROM generate_series(1::bigint, {RISK_ASSESSMENTS}) n) g
        WHERE n % 4 <> 0 OR n <= {REQUESTS} ORDER BY n""",
    """INSERT INTO risk_riskline (risk_type, description, likelihood, impact, mitigation,
            residual_likelihood, residual_impact, assessment_id)
        SELECT (ARRAY['political', 'policy', 'financial', 'legal', 'reputational',
                      'physical'])[1 + (a.id + k) % 6],
            'What could happen at the event.', 1 + (a.id * 7 + k) % 5, 1 + (a.id * 3 + k) % 5,
            'Invite every major party.', 1 + (a.id + k) % 3, 1 + (a.id * 5 + k) % 3, a.id
        FROM risk_riskassessment a, generate_series(0, 2) k""",
    # Joint activities under partnerships (the busy organisation's too) and coalitions,
    # two targets each; three in five evaluated, two of those completely.
    f"""INSERT INTO evaluation_jointactivity (title, kind, starts_on, ends_on, place, run_by,
            staff_hours, volunteer_hours, money_spent, in_kind, public_reached, description,
            created_at, updated_at, coalition_id, created_by_id, partnership_id)
        SELECT 'Bench activity ' || n,
            {_pick(["campaigning", "lobbying", "training", "publicity", "fundraising"], "r1")},
            current_date - (n % 700)::int, current_date - (n % 700)::int + (n % 5)::int,
            'Utrecht', {_pick(["local_group", "section_staff", "both"], "r2")},
            n % 40, n % 90, n % 500, '', CASE WHEN n % 4 <> 0 THEN n % 2000 END, '',
            now() - (n % 700) * interval '1 day', now(),
            CASE WHEN n % 10 = 0 THEN 1 + (n / 10) % {COALITIONS} END,
            CASE WHEN n % 1000 = 0 THEN {STAFF} ELSE {COORDINATOR} END,
            CASE WHEN n % 10 <> 0 THEN 1 + n % {PARTNERSHIPS} END
        FROM (SELECT n, random() r1, random() r2
              FROM generate_series(1::bigint, {ACTIVITIES}) n) g ORDER BY n""",
    """INSERT INTO evaluation_target (indicator, unit, baseline, target, actual, activity_id)
        SELECT (ARRAY['People reached', 'Signatures'])[1 + k], (ARRAY['people', 'signatures'])[1 + k],
            0, 100 + a.id % 400, CASE WHEN a.id % 3 <> 0 THEN a.id % 500 END, a.id
        FROM evaluation_jointactivity a, generate_series(0, 1) k""",
    f"""INSERT INTO evaluation_evaluation (status, succeeding, succeeding_note, effective_use,
            effective_use_note, targets_reached, targets_reached_note, negative_effects,
            negative_effects_note, redirection_needed, redirection_needed_note,
            opportunities_used, opportunities_used_note, beneficial_to_both,
            beneficial_to_both_note, lessons_learned, lessons_learned_note, overall_rating,
            recommendation, completed_at, created_at, updated_at, completed_by_id,
            created_by_id, activity_id)
        SELECT CASE WHEN done THEN 'complete' ELSE 'draft' END,
            {_pick(["yes", "partly", "no"], "r1")}, '',
            CASE WHEN done THEN {_pick(["yes", "partly", "no"], "r2")} ELSE '' END, '',
            CASE WHEN done THEN {_pick(["yes", "partly", "no"], "r3")} ELSE '' END, '',
            CASE WHEN done THEN 'no' ELSE '' END, '', CASE WHEN done THEN 'no' ELSE '' END, '',
            CASE WHEN done THEN 'partly' ELSE '' END, '',
            CASE WHEN done THEN 'yes' ELSE '' END, '', CASE WHEN done THEN 'yes' ELSE '' END, '',
            CASE WHEN done THEN 1 + (id % 5)::int END,
            CASE WHEN done THEN {_pick(["continue", "adjust", "conclude"], "r4")} ELSE '' END,
            CASE WHEN done THEN now() - (id % 300) * interval '1 day' END,
            now() - (id % 300) * interval '1 day', now(),
            CASE WHEN done THEN {STAFF} END, {STAFF}, id
        FROM (SELECT id, id % 5 < 2 AS done, random() r1, random() r2, random() r3,
                     random() r4
              FROM evaluation_jointactivity WHERE id % 5 < 3) g ORDER BY g.id""",
]
