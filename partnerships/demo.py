"""Demo organisations for `seed_demo`: the international NGOs seed 000 names."""

from .models import Organisation
from .models.organisations import OrganisationKind, RelationshipStatus, Scope

# name, acronym, kind, website, focus (civil-political, economic-social-cultural)
SEED_ORGANISATIONS = [
    ("International Commission of Jurists", "ICJ", OrganisationKind.PROFESSIONAL, "https://www.icj.org", (True, False)),
    ("International Committee of the Red Cross", "ICRC", OrganisationKind.HUMAN_RIGHTS, "https://www.icrc.org", (True, False)),
    ("Asian NGO Coalition for Agrarian Reform and Rural Development", "ANGOC", OrganisationKind.DEVELOPMENT, "https://angoc.org", (False, True)),
    ("Oxfam International", "Oxfam", OrganisationKind.DEVELOPMENT, "https://www.oxfam.org", (False, True)),
    ("Greenpeace", "", OrganisationKind.ENVIRONMENTAL, "https://www.greenpeace.org", (False, True)),
    ("World Council of Churches", "WCC", OrganisationKind.RELIGIOUS, "https://www.oikoumene.org", (True, False)),
    ("International PEN", "PEN", OrganisationKind.PROFESSIONAL, "https://www.pen-international.org", (True, False)),
    ("Médecins Sans Frontières", "MSF", OrganisationKind.HUMAN_RIGHTS, "https://www.msf.org", (False, True)),
    ("Survival International", "", OrganisationKind.SOLIDARITY, "https://www.survivalinternational.org", (True, True)),
    ("Anti-Slavery International", "", OrganisationKind.SOLIDARITY, "https://www.antislavery.org", (True, True)),
    ("International Organization of Consumers Unions", "IOCU", OrganisationKind.UMBRELLA, "https://www.consumersinternational.org", (False, True)),
    ("Food First International Action Network", "FIAN", OrganisationKind.HUMAN_RIGHTS, "https://www.fian.org", (False, True)),
    ("Coalition on Housing Rights and Evictions", "COHRE", OrganisationKind.HUMAN_RIGHTS, "https://www.cohre.org", (False, True)),
    ("Human Rights Internet", "HRI", OrganisationKind.HUMAN_RIGHTS, "https://www.hri.ca", (True, True)),
    ("Human Rights Watch", "HRW", OrganisationKind.HUMAN_RIGHTS, "https://www.hrw.org", (True, False)),
]  # fmt: skip

SYNTHETIC_PREFIX = "Demo organisation "


def seed_organisations() -> list[Organisation]:
    organisations = []
    for name, acronym, kind, website, (civil, esc) in SEED_ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "acronym": acronym,
                "kind": kind,
                "scope": Scope.INTERNATIONAL,
                "website": website,
                "focus_civil_political": civil,
                "focus_economic_social_cultural": esc,
                "relationship_status": RelationshipStatus.PROSPECT,
            },
        )
        organisations.append(organisation)
    return organisations


def seed_synthetic_organisations(count: int) -> int:
    """Top up to `count` numbered organisations for benchmarks; returns how many were added."""
    existing = Organisation.objects.filter(name__startswith=SYNTHETIC_PREFIX).count()
    kinds = list(OrganisationKind.values)
    batch = []
    for number in range(existing + 1, count + 1):
        organisation = Organisation(
            name=f"{SYNTHETIC_PREFIX}{number:06d}",
            kind=kinds[number % len(kinds)],
            scope=Scope.values[number % len(Scope.values)],
            country=["NL", "FR", "ES", "DE", "BE", "GB"][number % 6],
            website=f"https://org{number:06d}.example.org",
        )
        organisation.refresh_match_keys()  # bulk_create skips save()
        batch.append(organisation)
    Organisation.objects.bulk_create(batch, batch_size=2000)
    return len(batch)
