"""Demo organisations for `seed_demo`: the international NGOs seed 000 names."""

from datetime import date

from partnerships.models import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    Organisation,
    SupportRequest,
)
from partnerships.models.organisations import OrganisationKind, RelationshipStatus, Scope
from partnerships.models.support import SupportDecision
from partnerships.services.coalitions import (
    statement_agreement_record,
    statement_issue,
    statement_section_agree,
)
from partnerships.services.support import support_request_decide

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


# Seed 000's "broad human rights platform": the Dutch Section and 13 other Dutch NGOs,
# including the National Council of Churches and trade union umbrellas.
DUTCH_PLATFORM = "Broad human rights platform"
DUTCH_MEMBERS = [
    ("Raad van Kerken in Nederland", "", OrganisationKind.RELIGIOUS, "https://www.raadvankerken.nl"),
    ("Federatie Nederlandse Vakbeweging", "FNV", OrganisationKind.TRADE_UNION, "https://www.fnv.nl"),
    ("Christelijk Nationaal Vakverbond", "CNV", OrganisationKind.TRADE_UNION, "https://www.cnv.nl"),
    ("Nederlands Juristen Comité voor de Mensenrechten", "NJCM", OrganisationKind.PROFESSIONAL, "https://www.njcm.nl"),
    ("PAX", "", OrganisationKind.ARMS_CONTROL, "https://paxforpeace.nl"),
    ("Cordaid", "", OrganisationKind.DEVELOPMENT, "https://www.cordaid.org"),
    ("Oxfam Novib", "", OrganisationKind.DEVELOPMENT, "https://www.oxfamnovib.nl"),
    ("Humanistisch Verbond", "", OrganisationKind.COMMUNITY, "https://www.humanistischverbond.nl"),
    ("VluchtelingenWerk Nederland", "", OrganisationKind.SOLIDARITY, "https://www.vluchtelingenwerk.nl"),
    ("COC Nederland", "COC", OrganisationKind.SOLIDARITY, "https://coc.nl"),
    ("Johannes Wier Stichting", "", OrganisationKind.PROFESSIONAL, "https://www.johannes-wier.nl"),
    ("Defence for Children Nederland", "", OrganisationKind.HUMAN_RIGHTS, "https://www.defenceforchildren.nl"),
    ("Milieudefensie", "", OrganisationKind.ENVIRONMENTAL, "https://milieudefensie.nl"),
]  # fmt: skip
# About six meetings a year.
PLATFORM_MEETINGS = [
    "2026-01-20",
    "2026-03-17",
    "2026-05-19",
    "2026-07-14",
    "2026-09-15",
    "2026-11-17",
]

# organisation, asked by, subject, received, decision, reply
SUPPORT_REQUESTS = [
    ("Federatie Nederlandse Vakbeweging", "Campaigns officer", "Endorse our campaign for a living wage", "2026-02-03", SupportDecision.SUPPORT_IN_PART,
     "Thank you for asking us. We will share your call with our members who work on economic and social rights, and we are glad to speak at your May event about the rights of workers; we cannot sign the wage demand itself, because it asks for a specific figure on which we do not take a position."),
    ("COC Nederland", "Director", "Co-sign an open letter on the safety of LGBTQI refugees in reception centres", "2026-03-11", SupportDecision.SUPPORT,
     "We are glad to co-sign the letter and will share it through our own channels."),
    ("Milieudefensie", "Policy adviser", "Join the legal action against a fossil fuel company", "2026-04-22", SupportDecision.DECLINE,
     "Thank you for asking us, and for everything you do. We will not join the case as a party, because our Section has to keep its litigation to cases within our own research; this is no judgement of your case or of its importance. We would like to stay in touch and share our research on the human rights impact of climate change with your legal team."),
    ("Raad van Kerken in Nederland", "General secretary", "Speak at the interfaith vigil for detained human rights defenders", "2026-10-02", SupportDecision.PENDING, ""),
]  # fmt: skip


def seed_dutch_platform(*, staff) -> Coalition:
    members = []
    for name, acronym, kind, website in DUTCH_MEMBERS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "acronym": acronym, "kind": kind, "scope": Scope.NATIONAL, "country": "NL",
                "website": website, "relationship_status": RelationshipStatus.ACTIVE,
                "relationship_owner": staff,
            },
        )  # fmt: skip
        members.append(organisation)
    coalition, _ = Coalition.objects.update_or_create(
        name=DUTCH_PLATFORM,
        defaults={
            "purpose": (
                "Reviews Dutch foreign policy on human rights and discusses proposals to improve "
                "the human rights performance of the government, companies, employers' "
                "organisations and the members themselves. Coordination and exchange of "
                "information; joint activities are carried out by members in their own name."
            ),
            "scope": Scope.NATIONAL,
            "section_is_member": True,
            "secretariat_rotation_start": date(2020, 1, 1),
            "secretariat_term_months": 6,
            "section_secretariat_position": 1,
        },
    )
    for position, organisation in enumerate(members, start=2):
        CoalitionMembership.objects.update_or_create(
            coalition=coalition,
            organisation=organisation,
            defaults={"joined_on": date(2012, 1, 1), "secretariat_position": position},
        )
    for day in PLATFORM_MEETINGS:
        Meeting.objects.update_or_create(
            coalition=coalition,
            date=day,
            defaults={
                "location": "The Hague",
                "agenda": "1. Human rights in Dutch foreign policy\n2. Proposals from members\n3. Joint statements",
                "minutes": ""
                if day > PLATFORM_MEETINGS[-2]
                else "Members exchanged information; see the annex.",
            },
        )
    _seed_statements(coalition, members, staff=staff)
    return coalition


def _seed_statements(coalition: Coalition, members: list[Organisation], *, staff) -> None:
    issued, _ = JointStatement.objects.get_or_create(
        coalition=coalition,
        title="Human rights in the new foreign policy memorandum",
        defaults={"text": "The platform welcomes the memorandum and asks the government to make human rights a condition of its trade missions."},
    )  # fmt: skip
    if not issued.is_issued:
        for organisation in members:
            statement_agreement_record(
                statement=issued, organisation=organisation, by=staff, agreed_on=date(2026, 3, 20)
            )
        statement_section_agree(statement=issued)
        statement_issue(statement=issued, by=staff)
    draft, _ = JointStatement.objects.get_or_create(
        coalition=coalition,
        title="Protecting civic space at home and abroad",
        defaults={
            "text": "The platform calls for a national action plan for human rights defenders."
        },
    )
    if not draft.is_issued:
        for organisation in members[:9]:
            statement_agreement_record(
                statement=draft, organisation=organisation, by=staff, agreed_on=date(2026, 11, 20)
            )


def seed_support_requests(*, staff) -> list[SupportRequest]:
    requests = []
    for org_name, asked_by, subject, received, decision, reply in SUPPORT_REQUESTS:
        request, _ = SupportRequest.objects.get_or_create(
            organisation=Organisation.objects.get(name=org_name),
            subject=subject,
            defaults={"requested_by": asked_by, "received_on": received},
        )
        if decision != SupportDecision.PENDING and not request.is_decided:
            request = support_request_decide(
                support_request=request, decision=decision, reply=reply, by=staff
            )
        requests.append(request)
    return requests
