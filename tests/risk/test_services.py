import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.errors import ServiceRefused
from accounts.roles import Role
from risk.models import Check, RiskAssessment, RiskLine, RiskType
from risk.services import completion_problems, risk_assessment_save
from tests.factories import OrganisationFactory, PartnershipRequestFactory, assess_risk

pytestmark = pytest.mark.django_db


def _lines(residual=(2, 3), **overrides) -> list[RiskLine]:
    return [
        RiskLine(
            risk_type=risk_type,
            likelihood=4,
            impact=4,
            mitigation="A plan.",
            residual_likelihood=overrides.get(risk_type, residual)[0],
            residual_impact=overrides.get(risk_type, residual)[1],
        )
        for risk_type in RiskType.values
    ]


def _ticked(**fields) -> dict:
    return {
        **{f"check_{check}": True for check in Check},
        **{f"check_{check}_note": "Looked into it." for check in Check},
        **fields,
    }


def test_saving_derives_the_rating_from_the_lines(role_user):
    staff = role_user(Role.SECTION_STAFF)
    assessment = RiskAssessment(organisation=OrganisationFactory())
    saved = risk_assessment_save(user=staff, assessment=assessment, lines=_lines())
    assert saved.assessor == staff
    assert saved.rating == "medium"
    saved.status = "complete"
    saved.review_on = saved.assessed_on
    for name, value in _ticked().items():
        setattr(saved, name, value)
    line = saved.lines.get(risk_type="reputational")
    line.residual_likelihood, line.residual_impact = 4, 5
    saved = risk_assessment_save(user=staff, assessment=saved, lines=[line])
    assert saved.rating == "do_not_participate"
    assert RiskAssessment.objects.get().rating == "do_not_participate"


def test_a_local_group_cannot_assess(role_user):
    with pytest.raises(ServiceRefused):
        risk_assessment_save(
            user=role_user(Role.LOCAL_GROUP),
            assessment=RiskAssessment(organisation=OrganisationFactory()),
        )
    assert not RiskAssessment.objects.exists()


def test_completing_needs_every_type_every_check_with_a_note_and_a_review_date(role_user):
    staff = role_user(Role.SECTION_STAFF)
    assessment = RiskAssessment(
        organisation=OrganisationFactory(), status="complete", **_ticked(check_religious_note="")
    )
    problems = completion_problems(assessment, _lines()[:5])
    assert problems == [
        "Assess every type of risk: physical is missing.",
        f"Tick every check with a note: {Check.RELIGIOUS.label}.",
        "Set a review date.",
    ]
    with pytest.raises((ServiceRefused, ValidationError)):
        risk_assessment_save(user=staff, assessment=assessment, lines=_lines()[:5])
    assert not RiskAssessment.objects.exists()  # rolled back


def test_an_assessment_has_exactly_one_target():
    staff_user = assess_risk(OrganisationFactory()).assessor
    request = PartnershipRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskAssessment.objects.create(assessor=staff_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskAssessment.objects.create(
            assessor=staff_user, organisation=request.organisation, partnership_request=request
        )


@pytest.mark.parametrize("field", ["likelihood", "impact", "residual_likelihood", "residual_impact"])  # fmt: skip
@pytest.mark.parametrize("value", [0, 6])
def test_likelihood_and_impact_are_1_to_5_in_the_database(field, value):
    assessment = assess_risk(OrganisationFactory())
    line = assessment.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskLine.objects.filter(pk=line.pk).update(**{field: value})


def test_one_line_per_risk_type():
    assessment = assess_risk(OrganisationFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskLine.objects.create(
            assessment=assessment, risk_type="legal", likelihood=1, impact=1,
            residual_likelihood=1, residual_impact=1,
        )  # fmt: skip


def test_every_change_is_in_the_audit_trail(role_user):
    staff = role_user(Role.SECTION_STAFF)
    assessment = risk_assessment_save(
        user=staff, assessment=RiskAssessment(organisation=OrganisationFactory()), lines=_lines()
    )
    assessment.title = "Renamed"
    risk_assessment_save(user=staff, assessment=assessment)
    entries = LogEntry.objects.get_for_object(assessment)
    assert entries.count() >= 2
    assert any("title" in (entry.changes_dict or {}) for entry in entries)
    line_entries = LogEntry.objects.filter(content_type__model="riskline")
    assert line_entries.count() == len(RiskType)
