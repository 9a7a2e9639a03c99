import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.roles import Role
from partnerships.models import SupportRequest
from partnerships.models.support import SupportDecision
from partnerships.services.support import support_request_decide
from tests.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.mark.parametrize("reply", ["", "   \n "])
def test_decline_without_a_reply_is_rejected(staff, reply):
    request = SupportRequestFactory()
    with pytest.raises(ValidationError, match="with care"):
        support_request_decide(
            support_request=request, decision=SupportDecision.DECLINE, reply=reply, by=staff
        )
    request.refresh_from_db()
    assert request.decision == SupportDecision.PENDING


def test_decline_with_a_reply_is_recorded(staff):
    request = SupportRequestFactory()
    decided = support_request_decide(
        support_request=request,
        decision=SupportDecision.DECLINE,
        reply="  Thank you for asking; we cannot take a position on this, which is no judgement of your cause.  ",
        by=staff,
    )
    assert decided.decision == SupportDecision.DECLINE
    assert decided.reply.startswith("Thank you") and not decided.reply.endswith(" ")
    assert decided.decided_by == staff and decided.decided_at is not None


@pytest.mark.parametrize("decision", [SupportDecision.SUPPORT, SupportDecision.SUPPORT_IN_PART])
def test_support_may_be_recorded_without_a_reply(staff, decision):
    request = SupportRequestFactory()
    assert (
        support_request_decide(
            support_request=request, decision=decision, reply="", by=staff
        ).decision
        == decision
    )


def test_a_decided_request_cannot_be_decided_again(staff):
    request = SupportRequestFactory()
    support_request_decide(support_request=request, decision="support", reply="", by=staff)
    with pytest.raises(ValidationError, match="already decided"):
        support_request_decide(support_request=request, decision="decline", reply="No.", by=staff)


@pytest.mark.parametrize("decision", ["pending", "maybe"])
def test_an_unknown_or_pending_decision_is_rejected(staff, decision):
    with pytest.raises(ValidationError):
        support_request_decide(
            support_request=SupportRequestFactory(), decision=decision, reply="x", by=staff
        )


def test_the_database_refuses_a_decline_without_a_reply():
    request = SupportRequestFactory()
    with pytest.raises(IntegrityError):
        SupportRequest.objects.filter(pk=request.pk).update(
            decision=SupportDecision.DECLINE, decided_at="2026-01-01T00:00Z"
        )


def test_declining_without_a_reply_in_the_page_shows_the_error_with_200(client, staff):
    from django.urls import reverse

    from tests.factories import SupportRequestFactory

    client.force_login(staff)
    support = SupportRequestFactory()
    response = client.post(
        reverse("partnerships:support_decide", args=[support.pk]),
        {"decision": "decline", "reply": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_recording_a_support_request_says_so(client, staff):
    from django.urls import reverse

    from tests.factories import OrganisationFactory

    client.force_login(staff)
    data = {
        "organisation": OrganisationFactory().pk,
        "requested_by": "Sam Jansen",
        "subject": "Sign our petition",
        "details": "",
        "received_on": "2026-01-15",
    }
    response = client.post(reverse("partnerships:support_create"), data, follow=True)
    assert "The support request is recorded." in response.content.decode()
