"""Urgent Actions: one table says who may do what in which state; services and pages ask it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.errors import NotPermitted, NotPossible, ServiceRefused
from accounts.roles import Role
from outreach.models import UrgentActionStatus
from outreach.services import mailings as services
from outreach.services.ua_states import urgent_action_allowed_actions
from tests.factories import UrgentActionFactory, UserFactory

pytestmark = pytest.mark.django_db
U = UrgentActionStatus


@pytest.mark.parametrize("role", [Role.LOCAL_GROUP, None])
def test_cancel_without_permission_is_refused(role_user, role):
    user = role_user(role) if role else UserFactory()
    ua = UrgentActionFactory()
    with pytest.raises(NotPermitted) as refused:
        services.urgent_action_cancel(urgent_action=ua, user=user)
    assert isinstance(refused.value, PermissionDenied)
    assert "Only Section staff" in refused.value.message
    ua.refresh_from_db()
    assert ua.status == U.DRAFT


def test_staff_cancel_a_draft_but_not_a_sent_ua(staff):
    cancelled = services.urgent_action_cancel(urgent_action=UrgentActionFactory(), user=staff)
    assert cancelled.status == U.CANCELLED
    sent = UrgentActionFactory(approved=True, status=U.SENT)
    with pytest.raises(NotPossible):
        services.urgent_action_cancel(urgent_action=sent, user=staff)


def test_only_a_coordinator_approves(staff, coordinator):
    ua = UrgentActionFactory()
    with pytest.raises(NotPermitted):
        services.urgent_action_approve(urgent_action=ua, user=staff)
    assert services.urgent_action_approve(urgent_action=ua, user=coordinator).status == U.APPROVED


def test_a_local_group_cannot_send(role_user, django_capture_on_commit_callbacks):
    ua = UrgentActionFactory(approved=True)
    with pytest.raises(ServiceRefused):
        services.mailing_create(urgent_action=ua, user=role_user(Role.LOCAL_GROUP), kind="issued")


@pytest.mark.parametrize(
    ("status", "staff_actions", "coordinator_actions"),
    [
        (U.DRAFT, {"edit", "cancel"}, {"edit", "cancel", "approve"}),
        (U.APPROVED, {"cancel", "issue"}, {"cancel", "issue"}),
        (U.SENDING, {"follow_up"}, {"follow_up"}),
        (U.SENT, {"follow_up"}, {"follow_up"}),
        (U.CANCELLED, set(), set()),
    ],
)
def test_allowed_actions_follow_state_and_role(
    staff, coordinator, status, staff_actions, coordinator_actions
):
    ua = UrgentActionFactory(approved=status != U.DRAFT, status=status)
    assert urgent_action_allowed_actions(staff, ua) == staff_actions
    assert urgent_action_allowed_actions(coordinator, ua) == coordinator_actions


def test_the_detail_page_offers_only_the_allowed_buttons(staff_client):
    ua = UrgentActionFactory(approved=True, status=U.SENT)
    page = staff_client.get(reverse("outreach:ua_detail", args=[ua.pk])).content.decode()
    assert reverse("outreach:ua_cancel", args=[ua.pk]) not in page
    assert "Send a follow-up" in page


def test_a_refused_cancel_from_the_page_is_a_message(staff_client):
    ua = UrgentActionFactory(approved=True, status=U.SENT)
    response = staff_client.post(reverse("outreach:ua_cancel", args=[ua.pk]), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_the_audience_sample_size_comes_from_the_code(staff_client, monkeypatch):
    from outreach.views import mailings as views
    from tests.factories import ContactFactory

    monkeypatch.setattr(views, "AUDIENCE_SAMPLE_SIZE", 2)
    ContactFactory.create_batch(5, occupation="lawyer")
    ua = UrgentActionFactory(occupations="lawyer")
    page = staff_client.get(reverse("outreach:ua_detail", args=[ua.pk])).content.decode()
    assert "and 3 more." in page
