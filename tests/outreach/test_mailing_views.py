from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from outreach.models import ContactStatus, Delivery, DeliveryStatus, Mailing, UrgentActionStatus
from outreach.services import mailing_messages
from outreach.services import mailings as services
from tests.factories import ContactFactory, KeywordFactory, SectorFactory, UrgentActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    return client


@pytest.fixture
def coordinator_client(client, role_user):
    client.force_login(role_user(Role.COORDINATOR))
    return client


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("outreach:ua_list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_local_groups_may_not_see_urgent_actions(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    ua = UrgentActionFactory()
    assert client.get(reverse("outreach:ua_list")).status_code == 403
    assert client.get(reverse("outreach:ua_detail", args=[ua.pk])).status_code == 403
    assert client.post(reverse("outreach:ua_send", args=[ua.pk])).status_code == 403


@pytest.mark.parametrize("rows", [10, 200])
def test_list_page_query_count_does_not_grow(staff_client, django_assert_max_num_queries, rows):
    UrgentActionFactory.create_batch(rows)
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("outreach:ua_list"), {"sort": "reference"})
    assert response.status_code == 200


def test_list_search_and_bad_filters(staff_client):
    UrgentActionFactory(reference="UA 1/26", title="Journalist detained")
    UrgentActionFactory(reference="UA 2/26", title="Teacher missing")
    response = staff_client.get(reverse("outreach:ua_list"), {"q": "journalist", "status": "x"})
    assert response.status_code == 200
    assert list(response.context["urgent_actions"]) == [
        UrgentActionFactory._meta.model.objects.get(reference="UA 1/26")
    ]
    assert staff_client.get(reverse("outreach:ua_list"), {"page": "zz"}).status_code in (200, 404)


def test_staff_creates_a_draft(staff_client):
    sector = SectorFactory()
    response = staff_client.post(
        reverse("outreach:ua_create"),
        {
            "reference": "UA 77/26",
            "title": "Defender detained",
            "summary": "Held without charge.",
            "body": "Write **now**.",
            "urgency": "high",
            "sectors": [sector.pk],
            "countries": ["TR"],
        },
    )
    assert response.status_code == 302
    ua = UrgentActionFactory._meta.model.objects.get(reference="UA 77/26")
    assert ua.status == UrgentActionStatus.DRAFT
    assert list(ua.sectors.all()) == [sector]


def test_an_approved_ua_cannot_be_edited(staff_client):
    ua = UrgentActionFactory(approved=True)
    assert staff_client.get(reverse("outreach:ua_edit", args=[ua.pk])).status_code == 404


def test_detail_shows_audience_count_and_sample(staff_client):
    ContactFactory.create_batch(12, occupation="lawyer")
    ContactFactory(occupation="lawyer", is_at_risk=True, last_name="Hidden")
    ua = UrgentActionFactory()
    response = staff_client.get(reverse("outreach:ua_detail", args=[ua.pk]))
    assert response.context["audience_count"] == 12
    assert len(response.context["audience_sample"]) == 10
    assert b"Hidden" not in response.content
    assert b"and 2 more" in response.content


def test_the_audience_sample_separates_name_occupation_and_country(staff_client):
    ContactFactory(first_name="Jun", last_name="Evers", occupation="lawyer", country="BE")
    ua = UrgentActionFactory()
    content = staff_client.get(reverse("outreach:ua_detail", args=[ua.pk])).content.decode()
    assert "<li>Jun Evers · lawyer · Belgium</li>" in content


def test_staff_cannot_approve_but_a_coordinator_can(client, role_user):
    ua = UrgentActionFactory()
    client.force_login(role_user(Role.SECTION_STAFF))
    client.post(reverse("outreach:ua_approve", args=[ua.pk]))
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.DRAFT
    client.force_login(role_user(Role.COORDINATOR))
    response = client.post(reverse("outreach:ua_approve", args=[ua.pk]), follow=True)
    ua.refresh_from_db()
    assert ua.status == UrgentActionStatus.APPROVED
    assert b"approved" in response.content


def test_sending_a_draft_gives_a_clear_message(staff_client):
    ua = UrgentActionFactory()
    response = staff_client.post(reverse("outreach:ua_send", args=[ua.pk]), follow=True)
    assert b"Only an approved Urgent Action" in response.content
    assert not Mailing.objects.exists()


def test_unknown_ids_are_404(staff_client):
    assert staff_client.get(reverse("outreach:ua_detail", args=[999])).status_code == 404
    assert staff_client.post(reverse("outreach:ua_send", args=[999])).status_code == 404
    assert staff_client.get(reverse("outreach:mailing_progress", args=[999])).status_code == 404


def test_sending_redirects_to_the_mailing_page(staff_client, django_capture_on_commit_callbacks):
    ContactFactory.create_batch(3, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("outreach:ua_send", args=[ua.pk]))
    mailing = Mailing.objects.get()
    assert response.url == reverse("outreach:mailing_detail", args=[mailing.pk])
    assert len(mail.outbox) == 3


def test_an_invalid_follow_up_form_is_explained(staff_client):
    ua = UrgentActionFactory(approved=True, status="sent")
    response = staff_client.post(
        reverse("outreach:ua_send", args=[ua.pk]), {"kind": "bogus"}, follow=True
    )
    assert b"A follow-up needs" in response.content


@pytest.mark.parametrize("rows", [10, 200])
def test_mailing_page_query_count_does_not_grow(
    staff_client, django_assert_max_num_queries, rows, role_user
):
    ContactFactory.create_batch(rows, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(services, "mailing_enqueue"):
        mailing = services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind="issued"
        )
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("outreach:mailing_detail", args=[mailing.pk]))
    assert response.status_code == 200
    assert b'data-hx-trigger="every 2s"' in response.content
    assert len(response.context["deliveries"]) == min(rows, 50)
    json = staff_client.get(
        reverse("outreach:mailing_progress", args=[mailing.pk]), {"format": "json"}
    ).json()
    assert json["remaining"] == rows
    assert json["status"] == "queued"
    fragment = staff_client.get(reverse("outreach:mailing_progress", args=[mailing.pk]))
    assert b"Queued" in fragment.content


# --- the contact's signed-link pages ------------------------------------------


def test_one_click_unsubscribe_works_without_a_session_or_csrf_token():
    contact = ContactFactory()
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(
        mailing_messages.unsubscribe_url(contact.pk).removeprefix("http://127.0.0.1:8000"),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.status == ContactStatus.UNSUBSCRIBED


def test_following_the_unsubscribe_link_asks_first(client):
    contact = ContactFactory()
    url = reverse("outreach:unsubscribe", args=[mailing_messages.contact_token(contact.pk)])
    response = client.get(url)
    assert b"Yes, unsubscribe me" in response.content
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACTIVE


def test_a_tampered_link_is_404(client):
    contact = ContactFactory()
    token = mailing_messages.contact_token(contact.pk)
    other = f"{contact.pk + 1}:{token.split(':', 1)[1]}"
    assert client.get(reverse("outreach:preferences", args=[other])).status_code == 404
    assert client.post(reverse("outreach:unsubscribe", args=["junk"])).status_code == 404


def test_preferences_page_changes_interests_without_an_account(client):
    contact = ContactFactory()
    old = SectorFactory()
    contact.sectors.add(old)
    new, keyword = SectorFactory(), KeywordFactory()
    url = reverse("outreach:preferences", args=[mailing_messages.contact_token(contact.pk)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"sectors": [new.pk], "keywords": [keyword.pk]})
    assert response.status_code == 302
    assert list(contact.sectors.all()) == [new]
    assert list(contact.keywords.all()) == [keyword]


def test_deliveries_table_filters_by_status(staff_client, role_user):
    ContactFactory.create_batch(3, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(services, "mailing_enqueue"):
        mailing = services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind="issued"
        )
    Delivery.objects.filter(pk=mailing.deliveries.first().pk).update(status=DeliveryStatus.FAILED)
    response = staff_client.get(
        reverse("outreach:mailing_detail", args=[mailing.pk]), {"status": "failed"}
    )
    assert len(response.context["deliveries"]) == 1


def test_the_follow_up_confirmation_states_the_count_and_nobody_disables_it(staff_client):
    ContactFactory.create_batch(2, occupation="lawyer")
    ua = UrgentActionFactory(approved=True, status=UrgentActionStatus.SENT)
    content = staff_client.get(reverse("outreach:ua_detail", args=[ua.pk])).content.decode()
    assert "Send this follow-up to 2 contacts who match today?" in content
    lonely = UrgentActionFactory(approved=True, status=UrgentActionStatus.SENT, occupations="judge")
    content = staff_client.get(reverse("outreach:ua_detail", args=[lonely.pk])).content.decode()
    assert "a follow-up would reach nobody" in content
