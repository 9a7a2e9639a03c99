"""No user input gives a 500: odd characters in the search boxes of the staff pages."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from partnerships.models import Partnership, RequestStatus
from partnerships.views.common import search_text
from tests.factories import (
    CampaignFactory,
    OutreachStructureFactory,
    PartnershipRequestFactory,
    complete_checklist,
)

pytestmark = pytest.mark.django_db


def test_search_text_trims_to_its_limit():
    # NUL characters are dropped earlier, by the middleware (tests/config/test_null_characters.py).
    request = RequestFactory().get("/", {"q": " torture " + "x" * 200})
    assert search_text(request, limit=10) == "torture xx"


@pytest.fixture
def search_pages():
    structure = OutreachStructureFactory()
    return [
        reverse("partnerships:coalition_list"),
        reverse("outreach:publication_list"),
        reverse("outreach:structure_list"),
        reverse("outreach:campaign_list"),
        reverse("outreach:keyword_autocomplete"),
        reverse("outreach:structure_detail", args=[structure.pk]),
        reverse("outreach:sector_detail", args=[structure.sector.slug]),
        reverse("outreach:campaign_detail", args=[CampaignFactory().pk]),
    ]


def test_a_nul_character_in_a_search_box_is_ignored_not_a_server_error(
    client, role_user, search_pages
):
    # SQLite accepts NUL; PostgreSQL raised "A string literal cannot contain NUL".

    client.force_login(role_user(Role.SECTION_STAFF))
    for url in search_pages:
        assert client.get(url, {"q": "\x00amnesty"}).status_code == 200, url


def test_a_nul_character_in_the_groups_organisation_search_is_ignored(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("partnerships:request_pick_organisation"), {"q": "am\x00nesty"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["admin:review_queue", "admin:partnerships_partnershiprequest_changelist"],
)
def test_a_nul_character_in_the_review_queue_search_is_ignored(client, role_user, url_name):
    client.force_login(role_user(Role.COORDINATOR))
    assert client.get(reverse(url_name), {"q": "\x00amnesty"}).status_code == 200


# --- illegal moves on partnership requests POSTed directly --------------------------------


def _decide(request_pk: int, decision: str) -> str:
    return reverse("admin:partnerships_partnershiprequest_decide", args=[request_pk, decision])


def _checklist(request_pk: int) -> str:
    return reverse("admin:partnerships_partnershiprequest_checklist", args=[request_pk])


def _error_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


@pytest.mark.parametrize(
    "status",
    [RequestStatus.DECLINED, RequestStatus.APPROVED, RequestStatus.ESCALATED, RequestStatus.DRAFT],
)
def test_approving_a_decided_request_with_a_valid_form_is_a_message_not_a_change(
    client, role_user, status
):
    coordinator = role_user(Role.COORDINATOR)
    client.force_login(coordinator)
    request = PartnershipRequestFactory(status=status)
    complete_checklist(request)
    data = {"starts_on": "2030-01-01", "ends_on": "", "lead": coordinator.pk, "comment": ""}
    response = client.post(_decide(request.pk, "approve"), data)
    assert response.status_code == 200
    assert _error_messages(response)
    request.refresh_from_db()
    assert request.status == status
    assert not Partnership.objects.filter(originating_request=request).exists()


def test_the_checklist_of_a_decided_request_cannot_be_changed(client, role_user):
    client.force_login(role_user(Role.COORDINATOR))
    request = PartnershipRequestFactory(status=RequestStatus.DECLINED)
    response = client.post(_checklist(request.pk), {"q1": "no", "q1_note": "Changed my mind"})
    assert response.status_code == 200
    assert _error_messages(response)
    assert not request.checklist_answers.exists()


def test_section_staff_cannot_post_the_checklist(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    request = PartnershipRequestFactory(status=RequestStatus.IN_REVIEW)
    assert client.post(_checklist(request.pk), {"q1": "yes"}).status_code == 403
    assert not request.checklist_answers.exists()


@pytest.mark.parametrize("pk", [0, 10**19])
def test_bad_request_ids_in_the_review_pages_are_not_found(client, role_user, pk):
    client.force_login(role_user(Role.COORDINATOR))
    assert client.get(_checklist(pk)).status_code == 404
    assert client.post(_decide(pk, "decline"), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("status", "action", "data"),
    [
        (RequestStatus.SUBMITTED, "request_answer", {"answer": "Here it is."}),
        (RequestStatus.DECLINED, "request_answer", {"answer": "Here it is."}),
        (RequestStatus.DECLINED, "request_submit", {}),
        (RequestStatus.APPROVED, "request_submit", {}),
    ],
)
def test_a_groups_illegal_move_is_a_message_not_a_change(client, role_user, status, action, data):
    user = role_user(Role.LOCAL_GROUP)
    client.force_login(user)
    request = PartnershipRequestFactory(
        local_group=user.local_group, created_by=user, status=status
    )
    response = client.post(reverse(f"partnerships:{action}", args=[request.pk]), data, follow=True)
    assert response.status_code == 200
    assert _error_messages(response)
    request.refresh_from_db()
    assert request.status == status


@pytest.mark.parametrize("pk", [0, 10**19])
def test_bad_request_ids_in_the_groups_pages_are_not_found(client, role_user, pk):
    client.force_login(role_user(Role.LOCAL_GROUP))
    for name in ("request_detail", "request_edit", "request_withdraw"):
        assert client.get(reverse(f"partnerships:{name}", args=[pk])).status_code == 404
    for name in ("request_submit", "request_answer", "request_withdraw"):
        response = client.post(reverse(f"partnerships:{name}", args=[pk]), {"answer": "x"})
        assert response.status_code == 404


@pytest.mark.parametrize("param", ["organisation__kind__exact", "status", "method"])
def test_a_nul_character_in_a_review_queue_filter_is_ignored(client, role_user, param):
    client.force_login(role_user(Role.SECTION_STAFF))
    assert client.get(reverse("admin:review_queue"), {param: "human\x00rights"}).status_code == 200
