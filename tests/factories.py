import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import LocalGroup, User
from accounts.roles import Role


class LocalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Local group {n}")
    region = "Utrecht"
    contact_email = factory.LazyAttribute(lambda g: f"group{g.name.split()[-1]}@example.org")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @classmethod
    def with_role(cls, role: Role, **kwargs) -> User:
        if role == Role.LOCAL_GROUP:
            kwargs.setdefault("local_group", LocalGroupFactory())
        else:
            kwargs.setdefault("is_staff", True)
        user = cls(**kwargs)
        user.groups.add(Group.objects.get(name=role.value))
        return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "human_rights"
    scope = "national"
    country = "NL"
    website = factory.Sequence(lambda n: f"https://org{n}.example")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Sector"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")


class KeywordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Keyword"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"keyword{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Contact"

    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Contact{n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.net")
    mailing_consent = True
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_source = "signed up at an event"


class CoalitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Coalition"

    name = factory.Sequence(lambda n: f"Coalition {n}")
    purpose = "Coordinate and exchange information on human rights policy."
    scope = "national"


class CoalitionMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.CoalitionMembership"

    coalition = factory.SubFactory(CoalitionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = datetime.date(2024, 1, 1)


class JointStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.JointStatement"

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Joint statement {n}")
    text = "The members call on the government to respect human rights."


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.SupportRequest"

    organisation = factory.SubFactory(OrganisationFactory)
    requested_by = "Sam Jansen, campaigns officer"
    subject = factory.Sequence(lambda n: f"Sign our petition {n}")
    received_on = datetime.date(2026, 1, 15)


class PartnershipRequestFactory(factory.django.DjangoModelFactory):
    """A request put straight into any status (services are what the tests exercise)."""

    class Meta:
        model = "partnerships.PartnershipRequest"

    local_group = factory.SubFactory(LocalGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory, local_group=factory.SelfAttribute("..local_group"))
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)
    purposes = factory.LazyFunction(lambda: ["new_audiences"])
    methods = factory.LazyFunction(lambda: ["campaigning"])
    activity_title = factory.Sequence(lambda n: f"Activity {n}")
    activity_description = "A public event with the partner."
    activity_starts_on = factory.LazyFunction(lambda: timezone.localdate())
    activity_place = "Utrecht"
    expected_public = "About 50 students"
    visibility = "co_branded"
    partner_gains = "A wider audience."
    partner_demands = "One evening of two volunteers."


def complete_checklist(partnership_request, answer: str = "yes") -> None:
    from partnerships.models import ChecklistAnswer
    from partnerships.models.requests import ChecklistQuestion

    for question in ChecklistQuestion.values:
        ChecklistAnswer.objects.update_or_create(
            request=partnership_request,
            question=question,
            defaults={"answer": answer, "note": f"Note {question}"},
        )


# --- Outreach priorities, structures, publications, campaigns (issue 4) ---------------


class SectorAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.SectorAssessment"

    sector = factory.SubFactory(SectorFactory)
    assessed_on = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    domestic_influence = 3
    international_influence = 3
    capacity_to_act = 3
    approachability = 3
    not_yet_reached = 3
    credibility_effect = 3
    target_country_impact = 3
    size = 3
    preventive_aspects = 3
    solidarity_information = 3


class OutreachStructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.OutreachStructure"

    name = factory.Sequence(lambda n: f"Structure {n}")
    kind = "network"
    level = "section"
    sector = factory.SubFactory(SectorFactory)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Publication"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Publication {n}")
    reference = factory.Sequence(lambda n: f"ACT {n:02d}/01/26")
    published_on = datetime.date(2026, 1, 15)
    url = factory.Sequence(lambda n: f"https://www.example.org/library/{n}")

    @factory.post_generation
    def keywords(self, create, extracted, **kwargs):
        if create and extracted:
            self.keywords.set(extracted)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Campaign"

    name = factory.Sequence(lambda n: f"Campaign {n}")
    goal = "Change the law."
    starts_on = datetime.date(2026, 1, 1)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Employment"

    contact = factory.SubFactory(ContactFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Human rights officer"


class ApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Approach"

    contact = factory.SubFactory(ContactFactory)
    ask = "Co-sign our letter"
    why = "It matches their current concerns"


class UrgentActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.UrgentAction"

    reference = factory.Sequence(lambda n: f"UA {n + 100}/26")
    title = factory.Sequence(lambda n: f"Lawyer detained incommunicado {n}")
    summary = "A human rights lawyer was arrested and is held without access to a lawyer."
    body = "Please **write** to the minister:\n\n- ask for release\n- ask for access to family"
    occupations = "lawyer"
    created_by = factory.SubFactory(UserFactory)

    class Params:
        approved = factory.Trait(
            status="approved",
            approved_by=factory.SubFactory(UserFactory),
            approved_at=factory.LazyFunction(timezone.now),
        )


# --- Risk assessments (issue 10) ------------------------------------------------------------


def assess_risk(
    target=None,
    *,
    assessor=None,
    residual: int | tuple[int, int] = (1, 2),
    blocking: str = "",
    complete: bool = True,
    **kwargs,
):
    """A risk assessment of `target` (a request, a partnership or an organisation) with a
    line for every type of risk at the given residual (likelihood, impact), every check
    ticked. `blocking="legal"` puts that type's residual at 5×5."""
    from risk.models import Check, RiskAssessment, RiskLine, RiskType
    from risk.services import risk_assessment_rating_refresh

    field = {
        "PartnershipRequest": "partnership_request",
        "Partnership": "partnership",
        "Organisation": "organisation",
    }[type(target).__name__]
    likelihood, impact = residual if isinstance(residual, tuple) else (residual, 1)
    assessment = RiskAssessment.objects.create(
        **{field: target},
        assessor=assessor or UserFactory.with_role(Role.SECTION_STAFF),
        status="complete" if complete else "draft",
        review_on=kwargs.pop("review_on", timezone.localdate() + datetime.timedelta(days=180)),
        **{f"check_{check}": True for check in Check},
        **{f"check_{check}_note": "Checked." for check in Check},
        **kwargs,
    )
    for risk_type in RiskType.values:
        blocked = risk_type == blocking
        RiskLine.objects.create(
            assessment=assessment,
            risk_type=risk_type,
            likelihood=5 if blocked else max(likelihood, 2),
            impact=5 if blocked else max(impact, 2),
            mitigation="None possible." if blocked else "Agreed in writing.",
            residual_likelihood=5 if blocked else likelihood,
            residual_impact=5 if blocked else impact,
        )
    return risk_assessment_rating_refresh(assessment=assessment)
