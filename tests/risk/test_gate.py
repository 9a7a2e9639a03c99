"""Approval gated on risk: through the service, and through the admin's decide view."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from partnerships.models import Partnership, RequestStatus
from partnerships.services import requests as services
from partnerships.services.requests import TransitionNotAllowed
from risk.services import request_approval_refusal
from tests.factories import PartnershipRequestFactory, assess_risk, complete_checklist

pytestmark = pytest.mark.django_db
S = RequestStatus


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR)


@pytest.fixture
def reviewed(db):
    """A request in review with the whole decision checklist answered."""
    request = PartnershipRequestFactory(status=S.IN_REVIEW)
    complete_checklist(request)
    return request


def approve(request, user):
    return services.partnership_request_approve(
        partnership_request=request, user=user, lead=user, starts_on=timezone.localdate()
    )


def test_a_request_without_an_assessment_cannot_be_approved(reviewed, coordinator):
    with pytest.raises(TransitionNotAllowed, match="needs a complete risk assessment.*none"):
        approve(reviewed, coordinator)
    reviewed.refresh_from_db()
    assert reviewed.status == S.IN_REVIEW
    assert not Partnership.objects.exists()


def test_a_draft_assessment_is_not_enough(reviewed, coordinator):
    assess_risk(reviewed, complete=False)
    with pytest.raises(TransitionNotAllowed, match="still a draft"):
        approve(reviewed, coordinator)


@pytest.mark.parametrize("residual", [(1, 2), (3, 3), (4, 4), (5, 5)])
def test_a_complete_assessment_allows_approval_even_when_severe_but_mitigable(
    reviewed, coordinator, residual
):
    # Political, policy and financial risks at 5×5 are severe, yet only legal,
    # reputational and physical ones rule partnering out.
    assessment = assess_risk(reviewed, residual=(2, 2))
    if residual == (5, 5):
        assessment.lines.filter(risk_type__in=["political", "policy", "financial"]).update(
            residual_likelihood=5, residual_impact=5
        )
    approve(reviewed, coordinator)
    reviewed.refresh_from_db()
    assert reviewed.status == S.APPROVED


@pytest.mark.parametrize("blocking", ["legal", "reputational", "physical"])
def test_do_not_participate_cannot_be_approved_at_all_and_cites_the_line(
    reviewed, coordinator, blocking
):
    assess_risk(reviewed, blocking=blocking)
    with pytest.raises(TransitionNotAllowed) as refused:
        approve(reviewed, coordinator)
    message = refused.value.message
    assert "do not participate as partners" in message
    assert f"{blocking} risk 5×5 = 25 after mitigation (severe): None possible." in message
    assert not Partnership.objects.exists()


def test_the_gate_reads_the_lines_not_a_stale_stored_rating(reviewed, coordinator):
    assessment = assess_risk(reviewed)
    assessment.lines.filter(risk_type="physical").update(residual_likelihood=5, residual_impact=4)
    with pytest.raises(TransitionNotAllowed, match="physical risk 5×4 = 20"):
        approve(reviewed, coordinator)


@pytest.mark.parametrize(
    ("action", "kwargs", "status"),
    [
        ("partnership_request_decline", {"reason": "Too risky for us."}, S.DECLINED),
        (
            "partnership_request_ask_information",
            {"question": "Who else speaks?"},
            S.NEEDS_INFORMATION,
        ),  # fmt: skip
        ("partnership_request_escalate", {"comment": "For the IS."}, S.ESCALATED),
    ],
)
def test_decline_ask_and_escalate_stay_possible_past_the_rule(
    reviewed, coordinator, action, kwargs, status
):
    assess_risk(reviewed, blocking="legal")
    getattr(services, action)(partnership_request=reviewed, user=coordinator, **kwargs)
    reviewed.refresh_from_db()
    assert reviewed.status == status


# --- The admin ----------------------------------------------------------------------------


def _approve_in_admin(client, request, coordinator):
    url = reverse("admin:partnerships_partnershiprequest_decide", args=[request.pk, "approve"])
    data = {"starts_on": timezone.localdate().isoformat(), "ends_on": "", "lead": coordinator.pk, "comment": ""}  # fmt: skip
    return client.post(url, data)


def test_the_admin_refuses_approval_without_an_assessment_and_says_why(
    client, reviewed, coordinator
):
    client.force_login(coordinator)
    response = _approve_in_admin(client, reviewed, coordinator)
    assert response.status_code == 200
    assert "needs a complete risk assessment" in response.content.decode()
    reviewed.refresh_from_db()
    assert reviewed.status == S.IN_REVIEW


def test_the_admin_refuses_do_not_participate_citing_the_lines(client, reviewed, coordinator):
    assess_risk(reviewed, blocking="reputational")
    client.force_login(coordinator)
    response = _approve_in_admin(client, reviewed, coordinator)
    content = response.content.decode()
    assert "do not participate as partners" in content
    assert "reputational risk 5×5 = 25 after mitigation" in content
    reviewed.refresh_from_db()
    assert reviewed.status == S.IN_REVIEW


def test_the_admin_approves_with_a_complete_assessment(client, reviewed, coordinator):
    assess_risk(reviewed)
    client.force_login(coordinator)
    response = _approve_in_admin(client, reviewed, coordinator)
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == S.APPROVED


def test_the_admin_decline_is_not_gated(client, reviewed, coordinator):
    assess_risk(reviewed, blocking="legal")
    client.force_login(coordinator)
    url = reverse("admin:partnerships_partnershiprequest_decide", args=[reviewed.pk, "decline"])
    response = client.post(url, {"reason": "The legal risk is too high.", "internal_note": ""})
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == S.DECLINED


def test_the_review_page_shows_the_assessment_beside_the_checklist(client, reviewed, coordinator):
    assess_risk(reviewed, blocking="physical")
    client.force_login(coordinator)
    url = reverse("admin:partnerships_partnershiprequest_change", args=[reviewed.pk])
    content = client.get(url).content.decode()
    assert 'id="risk-panel"' in content
    assert "Do not participate as partners" in content
    assert "5 × 5 = 25 (severe)" in content
    assert "Political or other affiliations of the speakers" in content
    assert "Decision checklist" in content


def test_the_review_page_says_when_a_request_is_not_assessed(client, reviewed, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:partnerships_partnershiprequest_change", args=[reviewed.pk])
    content = client.get(url).content.decode()
    assert "Not assessed" in content
    assert f"/risk/assessments/new/?partnership_request={reviewed.pk}" in content


# --- The review queue ----------------------------------------------------------------------


def test_the_queue_shows_and_filters_by_the_risk_rating(
    client, coordinator, django_assert_max_num_queries
):
    low = PartnershipRequestFactory(activity_title="Low one")
    assess_risk(low)
    blocked = PartnershipRequestFactory(activity_title="Blocked one")
    assess_risk(blocked, blocking="legal")
    PartnershipRequestFactory(activity_title="Unassessed one")
    for _ in range(5):
        assess_risk(PartnershipRequestFactory())
    client.force_login(coordinator)
    queue = reverse("admin:review_queue")
    with django_assert_max_num_queries(15):
        content = client.get(queue).content.decode()
    assert "not assessed" in content and "Do not participate as partners" in content

    def titles(params) -> set[str]:
        return {r.activity_title for r in client.get(queue, params).context["cl"].result_list}

    assert titles({"risk": "do_not_participate"}) == {"Blocked one"}
    assert titles({"risk": "none"}) == {"Unassessed one"}
    assert "Low one" in titles({"risk": "low"})
    assert titles({"risk": "nonsense"}) == set()


def test_a_request_needing_no_authorisation_is_not_gated(coordinator):
    noted = PartnershipRequestFactory(methods=["provide_information"])
    assert request_approval_refusal(noted) is None
