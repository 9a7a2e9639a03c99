"""Demo sectors (seed 001's chapters) and synthetic contacts for `seed_demo`."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from partnerships.models import Organisation

from .models import Approach, Contact, ContactStatus, Employment, Keyword, Sector

SEED_SECTORS = [
    "Business community",
    "Military and law enforcement",
    "The legal network",
    "Trade unions",
    "Youth activists",
    "Religious groups",
    "The medical sector",
    "Women's rights",
    "Children's rights",
    "The human rights movement",
]

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
        approaches.append(approach)
    return approaches
