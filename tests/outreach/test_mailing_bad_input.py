"""No user input gives a 500 on the Urgent Action, signed-link and reminder pages."""

import pytest
from django.core import signing
from django.urls import reverse

from accounts.roles import Role
from dashboard.services import reminders
from outreach.models import ContactStatus, Mailing, UrgentActionStatus
from outreach.services.mailing_messages import contact_token
from tests.factories import ContactFactory, UrgentActionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["%00", "abc%00def", "a%20b", "%E2%98%83"])
def test_a_garbled_calendar_token_is_not_found(client, token):
    # PostgreSQL raised "A string literal cannot contain NUL" for /calendar/%00.ics.
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_real_calendar_token_still_opens_the_feed(client, role_user):
    feed = reminders.calendar_feed_reset(user=role_user(Role.SECTION_STAFF))
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 200


def test_a_nul_character_in_the_urgent_action_search_is_ignored(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    assert client.get(reverse("outreach:ua_list"), {"q": "UA\x00 12"}).status_code == 200


# --- illegal moves POSTed directly: a message or 403/404, never a change ----------------


@pytest.fixture
def coordinator_client(client, role_user):
    client.force_login(role_user(Role.COORDINATOR))
    return client


@pytest.mark.parametrize("follow_up", [{}, {"kind": "updated", "note": "News."}])
def test_sending_a_cancelled_urgent_action_is_a_message_not_a_mailing(
    coordinator_client, follow_up
):
    ua = UrgentActionFactory(approved=True, status=UrgentActionStatus.CANCELLED)
    response = coordinator_client.post(
        reverse("outreach:ua_send", args=[ua.pk]), follow_up, follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.CANCELLED
    assert not Mailing.objects.exists()


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (UrgentActionStatus.APPROVED, "ua_approve"),
        (UrgentActionStatus.CANCELLED, "ua_approve"),
        (UrgentActionStatus.SENT, "ua_approve"),
        (UrgentActionStatus.CANCELLED, "ua_cancel"),
        (UrgentActionStatus.SENT, "ua_cancel"),
        (UrgentActionStatus.SENDING, "ua_cancel"),
    ],
)
def test_an_illegal_urgent_action_move_is_a_message_and_changes_nothing(
    coordinator_client, status, action
):
    ua = UrgentActionFactory(approved=True, status=status)
    response = coordinator_client.post(reverse(f"outreach:{action}", args=[ua.pk]), follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    ua.refresh_from_db()
    assert ua.status == status


@pytest.mark.parametrize("action", ["ua_approve", "ua_cancel", "ua_send"])
def test_a_local_group_posting_urgent_action_moves_is_refused(client, role_user, action):
    client.force_login(role_user(Role.LOCAL_GROUP))
    ua = UrgentActionFactory()
    assert client.post(reverse(f"outreach:{action}", args=[ua.pk])).status_code == 403
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.DRAFT


@pytest.mark.parametrize("pk", [0, 10**19])
def test_bad_mailing_ids_are_not_found(coordinator_client, pk):
    for name in ("mailing_detail", "mailing_progress", "ua_approve"):
        response = (coordinator_client.post if name == "ua_approve" else coordinator_client.get)(
            reverse(f"outreach:{name}", args=[pk])
        )
        assert response.status_code == 404, name


def test_a_link_for_a_deleted_contact_or_another_salt_unsubscribes_no_one(client):
    gone = ContactFactory()
    token = contact_token(gone.pk)
    gone.delete()
    kept = ContactFactory()
    foreign = signing.Signer(salt="something-else").sign(str(kept.pk))
    for bad in (token, foreign):
        assert client.post(reverse("outreach:unsubscribe", args=[bad])).status_code == 404
        assert client.get(reverse("outreach:preferences", args=[bad])).status_code == 404
    kept.refresh_from_db()
    assert kept.status == ContactStatus.ACTIVE


def test_cancelling_a_draft_nobody_approved_is_allowed(client, role_user):
    # The check constraint required an approver on every non-draft UA: an IntegrityError.
    client.force_login(role_user(Role.SECTION_STAFF))
    ua = UrgentActionFactory()
    response = client.post(reverse("outreach:ua_cancel", args=[ua.pk]), follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.CANCELLED
    assert ua.approved_by is None


def test_a_nul_character_in_the_urgent_action_admin_search_is_ignored(client, role_user):
    client.force_login(role_user(Role.COORDINATOR))
    url = reverse("admin:outreach_urgentaction_changelist")
    assert client.get(url, {"q": "UA\x00 12"}).status_code == 200
