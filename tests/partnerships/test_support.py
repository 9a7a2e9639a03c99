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
