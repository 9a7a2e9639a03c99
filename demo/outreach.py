"""Demo sectors (seed 001's chapters) and synthetic contacts for `seed_demo`."""

import datetime
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

from outreach import scoring
from outreach.manual import MANUAL_SECTORS
from outreach.models import (
    Approach,
    Campaign,
    Contact,
    ContactStatus,
    Employment,
    Keyword,
    MeetingCadence,
    NetworkMailing,
    OutreachStructure,
    Publication,
    Sector,
    SpectrumMove,
    SpectrumPlacement,
    StructureKind,
    StructureLevel,
)
from outreach.services.campaigns import spectrum_place
from outreach.services.priorities import sector_assessment_record
from outreach.services.publications import publication_save
from partnerships.models import Organisation
from partnerships.services.relationships import relationship_approached

SEED_SECTORS = MANUAL_SECTORS

SYNTHETIC_DOMAIN = "contacts.example.org"


def seed_sectors() -> list[Sector]:
    return [
        Sector.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in SEED_SECTORS
    ]


def seed_synthetic_contacts(count: int) -> int:
    """Top up to `count` numbered contacts for benchmarks; returns how many were added."""
    existing = Contact.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").count()
    batch = [
        Contact(
            first_name="Contact",
            last_name=f"{number:07d}",
            email=f"contact{number:07d}@{SYNTHETIC_DOMAIN}",
            country=["NL", "FR", "ES", "DE", "BE", "GB"][number % 6],
        )
        for number in range(existing + 1, count + 1)
    ]
    Contact.objects.bulk_create(batch, batch_size=5000)
    return len(batch)


# --- Priorities, publications and the spectrum of allies (issue 4) -------------------

# Two assessments per sector, a year apart, so the chart and the history show movement.
# Scores in the order of scoring.ALL_CRITERIA: seed 001's six questions, then the
# four Netherlands criteria.
DEMO_ASSESSMENT_DATES = (date(2025, 3, 1), date(2026, 3, 1))
DEMO_ASSESSMENTS: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]] = {
    "business-community": ((4, 4, 2, 2, 4, 2, 4, 3, 2, 2), (4, 4, 3, 2, 4, 3, 4, 3, 2, 3), ("action",)),
    "military-and-law-enforcement": ((4, 3, 3, 1, 5, 2, 3, 2, 5, 2), (4, 3, 3, 2, 5, 3, 3, 2, 5, 3), ("education",)),
    "the-legal-network": ((4, 4, 4, 4, 2, 5, 4, 2, 4, 4), (4, 5, 4, 4, 2, 5, 4, 3, 4, 5), ("action", "specialist_knowledge")),
    "trade-unions": ((5, 3, 3, 3, 3, 4, 3, 5, 2, 3), (5, 4, 4, 3, 3, 4, 4, 5, 2, 4), ("action", "recruitment")),
    "youth-activists": ((2, 1, 2, 4, 3, 4, 1, 4, 3, 2), (2, 2, 2, 4, 4, 4, 2, 4, 3, 2), ("education", "recruitment")),
    "religious-groups": ((4, 3, 2, 3, 4, 3, 3, 4, 3, 3), (4, 3, 3, 3, 4, 3, 3, 4, 3, 3), ("action",)),
    "the-medical-sector": ((4, 4, 3, 4, 3, 5, 4, 3, 4, 4), (4, 4, 4, 4, 3, 5, 4, 3, 4, 4), ("specialist_knowledge", "action")),
    "womens-rights": ((3, 3, 3, 4, 2, 5, 3, 3, 3, 3), (3, 4, 3, 4, 2, 5, 4, 3, 3, 4), ("action", "education")),
    "childrens-rights": ((3, 2, 2, 4, 2, 5, 2, 3, 4, 2), (3, 3, 2, 4, 2, 5, 3, 3, 4, 3), ("education",)),
    "the-human-rights-movement": ((3, 4, 4, 5, 1, 4, 4, 2, 3, 5), (3, 4, 4, 5, 1, 4, 4, 2, 3, 5), ("action", "specialist_knowledge")),
}  # fmt: skip


def seed_assessments() -> int:
    """Two dated assessments per seeded sector; re-running rewrites the same rows."""
    sectors = {sector.slug: sector for sector in Sector.objects.filter(slug__in=DEMO_ASSESSMENTS)}
    count = 0
    for slug, (before, after, aims) in DEMO_ASSESSMENTS.items():
        if slug not in sectors:
            continue
        for assessed_on, values in zip(DEMO_ASSESSMENT_DATES, (before, after), strict=True):
            sector_assessment_record(
                sector=sectors[slug],
                assessed_on=assessed_on,
                scores=dict(zip(scoring.ALL_CRITERIA, values, strict=True)),
                aims=aims,
                notes="Demo assessment.",
            )
            count += 1
    return count


# title, reference, date, keywords
DEMO_PUBLICATIONS = [
    ("Fair trial concerns: a guide for lawyers", "ACT 70/01/91", date(2025, 9, 12), ("fair trial", "lawyers", "death penalty")),
    ("Health professionals and torture", "ACT 75/02/25", date(2025, 11, 3), ("torture", "doctors", "health")),
    ("Trade unionists at risk", "ACT 73/04/26", date(2026, 2, 20), ("trade unions", "human rights defenders")),
    ("Children's rights in detention", "ACT 76/01/26", date(2026, 5, 8), ("children", "detention")),
]  # fmt: skip


def seed_publications() -> int:
    for title, reference, published_on, keywords in DEMO_PUBLICATIONS:
        publication = Publication.objects.filter(reference=reference).first() or Publication(
            reference=reference
        )
        publication.title = title
        publication.published_on = published_on
        publication.url = f"https://www.example.org/library/{reference.replace(' ', '-').replace('/', '-').lower()}"
        publication_save(publication=publication, keyword_names=keywords)
    return len(DEMO_PUBLICATIONS)


DEMO_CAMPAIGN = "Stop torture"
# organisation acronym or name, [(date, position, reason), ...]
DEMO_SPECTRUM = [
    ("ICJ", [(date(2026, 1, 15), 1, "Supports the aims; has not joined actions yet."), (date(2026, 4, 2), 2, "Co-signed the open letter.")]),
    ("MSF", [(date(2026, 1, 15), 0, "No public position on the campaign.")]),
    ("WCC", [(date(2026, 1, 15), -1, "Worried about the campaign's tone."), (date(2026, 5, 10), 0, "Met the secretary general; concerns answered.")]),
    ("HRW", [(date(2026, 1, 15), 2, "Long-standing partner on torture cases.")]),
    ("Oxfam", [(date(2026, 1, 15), 1, "Signed up as supporter.")]),
]  # fmt: skip


def seed_campaign_spectrum() -> int:
    """One campaign with a spectrum of allies and a few moves; idempotent."""
    campaign, _ = Campaign.objects.update_or_create(
        name=DEMO_CAMPAIGN,
        defaults={
            "goal": "End the use of torture in detention: legislation ratifying the optional protocol.",
            "starts_on": date(2026, 1, 1),
            "ends_on": date(2026, 12, 31),
        },
    )
    # Rebuild from scratch: placements replay through the service, keeping the history rule.
    SpectrumMove.objects.filter(campaign=campaign).delete()
    SpectrumPlacement.objects.filter(campaign=campaign).delete()
    for acronym, moves in DEMO_SPECTRUM:
        organisation = Organisation.objects.filter(acronym=acronym).first()
        if organisation is None:
            continue
        for moved_on, position, reason in moves:
            spectrum_place(
                campaign=campaign,
                organisation=organisation,
                position=position,
                moved_on=moved_on,
                reason=reason,
            )
    return SpectrumPlacement.objects.filter(campaign=campaign).count()


# Demo contacts for the contact and approach pages: (first, last, organisation or
# individual kind, role, sector slugs, consent state, country). The consent states
# cover every case a mailing must respect.
DEMO_CONTACT_DOMAIN = "demo-contacts.example.org"
DEMO_CONSENT_GIVEN = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)
_FIRST = ["Ana", "Bram", "Chidi", "Dana", "Emre", "Fatima", "Gert", "Hana", "Ivo", "Jun"]
_LAST = ["Bakker", "Chen", "Diallo", "Evers", "Fonseca", "Garcia", "Haddad", "Ito"]
_KEYWORDS = ["torture", "death penalty", "women's rights", "refugees", "freedom of expression"]
_CONSENT_STATES = ["consent", "consent", "none", "withdrawn", "unsubscribed", "bounced"]


def _demo_contact_rows() -> list[dict]:
    rows = []
    for number in range(1, 31):
        rows.append(
            {
                "first_name": _FIRST[number % len(_FIRST)],
                "last_name": f"{_LAST[number % len(_LAST)]} {number:02d}",
                "email": f"contact{number:02d}@{DEMO_CONTACT_DOMAIN}",
                "country": ["NL", "BE", "DE", "KE", "BR", "TR"][number % 6],
                "occupation": ["Lawyer", "Union officer", "Teacher", "Doctor", "Pastor"][
                    number % 5
                ],
                "consent": _CONSENT_STATES[number % len(_CONSENT_STATES)],
                "sector": SEED_SECTORS[number % len(SEED_SECTORS)],
                "keyword": _KEYWORDS[number % len(_KEYWORDS)],
                "at_risk": number == 7,
            }
        )
    return rows


def seed_demo_contacts(*, owner=None) -> list[Contact]:
    """A few dozen contacts with every consent state, one at risk, some in organisations."""
    sectors = {sector.name: sector for sector in Sector.objects.all()}
    organisations = list(Organisation.objects.filter(name__in=_DEMO_EMPLOYERS).order_by("name"))
    contacts = []
    for index, row in enumerate(_demo_contact_rows()):
        state = row["consent"]
        contact, _ = Contact.objects.update_or_create(
            email=row["email"],
            defaults={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "country": row["country"],
                "occupation": row["occupation"],
                "is_at_risk": row["at_risk"],
                "owner": owner,
                "mailing_consent": state in ("consent", "bounced"),
                "consent_given_at": None if state == "none" else DEMO_CONSENT_GIVEN,
                "consent_source": "" if state == "none" else "signed up at a Section event",
                "consent_withdrawn_at": DEMO_CONSENT_GIVEN + datetime.timedelta(days=60)
                if state in ("withdrawn", "unsubscribed")
                else None,
                "status": {
                    "unsubscribed": ContactStatus.UNSUBSCRIBED,
                    "bounced": ContactStatus.BOUNCED,
                }.get(state, ContactStatus.ACTIVE),
            },
        )
        if row["sector"] in sectors:
            contact.sectors.set([sectors[row["sector"]]])
        contact.keywords.set([Keyword.objects.get_or_create(name=row["keyword"])[0]])
        if organisations and index % 3 != 2:
            Employment.objects.get_or_create(
                contact=contact,
                organisation=organisations[index % len(organisations)],
                defaults={"role": "Human rights officer", "start_date": datetime.date(2024, 3, 1)},
            )
        contacts.append(contact)
    return contacts


_DEMO_EMPLOYERS = [
    "International Commission of Jurists",
    "World Council of Churches",
    "Human Rights Watch",
    "Oxfam International",
    "International PEN",
]


def seed_demo_approaches(*, owner) -> list[Approach]:
    """Approaches to demo contacts: one overdue, one due today, one later, one done."""
    today = timezone.localdate()
    contacts = list(
        Contact.objects.filter(email__endswith=f"@{DEMO_CONTACT_DOMAIN}", is_at_risk=False)
        .prefetch_related("employments")
        .order_by("email")[:6]
    )
    plans = [
        ("Co-sign our letter on the detained lawyers", -20, -5, False),
        ("Send an Urgent Action to their members", -10, 0, False),
        ("Speak at our Human Rights Day event", -3, 14, False),
        ("Share their research on prison conditions", -40, -25, True),
        ("Join the network on women defenders", -15, None, False),
        ("Host a training for their union reps", -2, 7, False),
    ]
    approaches = []
    for contact, (ask, approached, follow_up, done) in zip(contacts, plans, strict=False):
        employment = next(iter(contact.employments.all()), None)
        approach, _ = Approach.objects.update_or_create(
            contact=contact,
            ask=ask,
            defaults={
                "organisation_id": employment.organisation_id if employment else None,
                "approached_on": today + datetime.timedelta(days=approached),
                "why": "It matches their current concerns and our campaign priorities.",
                "what_they_can_do": "Reach their members and speak publicly.",
                "check_right_person": True,
                "check_clear_ask": True,
                "check_why": True,
                "check_follow_up_agreed": follow_up is not None,
                "follow_up_on": today + datetime.timedelta(days=follow_up)
                if follow_up is not None
                else None,
                "follow_up_owner": owner,
                "followed_up_at": timezone.make_aware(
                    datetime.datetime.combine(today, datetime.time(9)) - datetime.timedelta(days=24)
                )
                if done
                else None,
                "created_by": owner,
            },
        )
        if approach.organisation is not None:
            # The status follows the approach, as when a person records one.
            relationship_approached(organisation=approach.organisation, owner=owner)
        approaches.append(approach)
    return approaches


DEMO_SECTOR_ORGANISATIONS = {
    "the-legal-network": ("ICJ", "PEN"),
    "the-medical-sector": ("MSF", "ICRC"),
    "religious-groups": ("WCC",),
    "the-human-rights-movement": ("HRW", "HRI", "FIAN", "COHRE"),
}


def seed_sector_organisations() -> int:
    """Place a few seed organisations in their sectors; adding twice changes nothing."""
    added = 0
    for slug, acronyms in DEMO_SECTOR_ORGANISATIONS.items():
        sector = Sector.objects.filter(slug=slug).first()
        if sector:
            organisations = list(Organisation.objects.filter(acronym__in=acronyms))
            sector.organisations.add(*organisations)
            added += len(organisations)
    return added


# name, kind, level, sector slug, cadence, newsletter, brief
DEMO_STRUCTURES = [
    ("Lawyers' network", StructureKind.NETWORK, StructureLevel.SECTION, "the-legal-network", MeetingCadence.NONE, "Lawyers' Newsletter, quarterly", "Take up unfair trial cases; approach bar associations."),
    ("Medical coordination group", StructureKind.COORDINATION_GROUP, StructureLevel.SECTION, "the-medical-sector", MeetingCadence.MONTHLY, "", "Plan medical actions; support local groups approaching health professionals."),
    ("Business advisory group", StructureKind.ADVISORY_GROUP, StructureLevel.SECTION, "business-community", MeetingCadence.TWICE_A_YEAR, "", "Advise on whom to approach in business and what to ask."),
]  # fmt: skip


def seed_structures() -> int:
    for name, kind, level, slug, cadence, newsletter, brief in DEMO_STRUCTURES:
        structure, _ = OutreachStructure.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "level": level,
                "sector": Sector.objects.filter(slug=slug).first(),
                "meeting_cadence": cadence,
                "newsletter": newsletter,
                "brief": brief,
            },
        )
        if structure.is_network:
            NetworkMailing.objects.get_or_create(
                structure=structure,
                title="Lawyers' Newsletter, spring issue",
                defaults={"sent_on": date(2026, 4, 1), "ask": "Write to the minister of justice."},
            )
    return len(DEMO_STRUCTURES)
