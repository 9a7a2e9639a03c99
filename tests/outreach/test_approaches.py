import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from outreach.models import Approach
from outreach.services.approaches import (
    approach_create,
    approach_mark_followed_up,
    approach_update,
)
from partnerships.timeline import timeline_for
from tests.factories import ApproachFactory, ContactFactory, EmploymentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def follow_up(days: int | None, *, done: bool = False) -> Approach:
    return ApproachFactory(
        follow_up_on=TODAY + datetime.timedelta(days=days) if days is not None else None,
        followed_up_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC) if done else None,
    )


def test_due_is_on_or_before_the_day_and_not_done(frozen):
    overdue, today, tomorrow = follow_up(-3), follow_up(0), follow_up(1)
    follow_up(-3, done=True)
    follow_up(None)
    assert set(Approach.objects.due()) == {overdue, today}
    assert set(Approach.objects.due(on=TODAY + datetime.timedelta(days=1))) == {
        overdue,
        today,
        tomorrow,
    }


def test_overdue_is_strictly_before_the_day_and_not_done(frozen):
    overdue, _today = follow_up(-1), follow_up(0)
    follow_up(-10, done=True)
    assert list(Approach.objects.overdue()) == [overdue]
    assert list(Approach.objects.overdue(on=TODAY - datetime.timedelta(days=1))) == []


def test_due_follows_the_clock(frozen):
    approach = follow_up(2)
    assert not Approach.objects.due().exists()
    with time_machine.travel(datetime.datetime(2026, 3, 12, 9, tzinfo=datetime.UTC), tick=False):
        assert list(Approach.objects.due()) == [approach]
        assert not Approach.objects.overdue().exists()
    with time_machine.travel(datetime.datetime(2026, 3, 13, 9, tzinfo=datetime.UTC), tick=False):
        assert list(Approach.objects.overdue()) == [approach]


def test_marking_the_follow_up_done_takes_it_off_the_due_list(frozen, staff):
    approach = follow_up(-2)
    approach_mark_followed_up(approach=approach, by=staff, notes="They sent the letter")
    assert not Approach.objects.due().exists()
    approach.refresh_from_db()
    assert "They sent the letter" in approach.follow_up_notes
    with pytest.raises(ValidationError, match="already"):
        approach_mark_followed_up(approach=approach, by=staff)


def test_an_approach_without_follow_up_cannot_be_marked_done(staff):
    with pytest.raises(ValidationError, match="No follow-up"):
        approach_mark_followed_up(approach=follow_up(None), by=staff)


def test_a_new_follow_up_date_reopens_a_done_follow_up(frozen):
    approach = follow_up(-2, done=True)
    approach_update(approach=approach, data={"follow_up_on": TODAY})
    assert list(Approach.objects.due()) == [approach]


def test_approach_needs_a_contact_or_an_organisation(staff):
    with pytest.raises(ValidationError, match="contact or the organisation"):
        approach_create(created_by=staff, data={"ask": "Help"})


def test_approach_to_a_contact_lands_on_their_organisation_timeline(staff):
    employment = EmploymentFactory()
    approach = approach_create(
        created_by=staff,
        data={"contact": employment.contact, "ask": "Co-sign the letter", "follow_up_on": TODAY},
    )
    assert approach.organisation == employment.organisation
    assert approach.follow_up_owner == staff
    [entry] = timeline_for(employment.organisation)
    assert entry.kind == "approach"
    assert entry.url == f"/outreach/approaches/{approach.pk}/"


def test_timeline_provider_runs_one_query_whatever_the_number(django_assert_num_queries):
    organisation = OrganisationFactory()
    for count in (1, 15):
        ApproachFactory.create_batch(count, organisation=organisation)
        from outreach.timeline import approach_entries

        with django_assert_num_queries(1):
            approach_entries(organisation)


def test_staff_record_an_approach_with_its_checklist(staff_client, staff):
    contact = ContactFactory(email="c@example.org")
    form = staff_client.get(f"/outreach/approaches/new/?contact={contact.pk}")
    assert form.context["form"].initial["contact_email"] == "c@example.org"
    response = staff_client.post(
        "/outreach/approaches/new/",
        {
            "contact_email": "c@example.org",
            "approached_on": "2026-03-01",
            "channel": "meeting",
            "ask": "Send an appeal",
            "why": "Their members are lawyers",
            "check_right_person": "on",
            "check_clear_ask": "on",
            "outcome": "agreed",
            "reported_actions": "Wrote to the minister",
            "follow_up_on": "2026-04-01",
            "follow_up_owner": staff.pk,
        },
    )
    approach = Approach.objects.get()
    assert response.status_code == 302
    assert response["Location"] == approach.get_absolute_url()
    assert approach.contact == contact
    assert approach.checklist_score == 2
    assert approach.created_by == staff
    page = staff_client.get(approach.get_absolute_url()).content.decode()
    assert "2 of 10" in page
    assert "Wrote to the minister" in page


def test_approach_form_explains_a_missing_target_and_unknown_email(staff_client):
    response = staff_client.post(
        "/outreach/approaches/new/",
        {"approached_on": "2026-03-01", "channel": "meeting", "ask": "x", "outcome": "awaiting"},
    )
    assert "Choose the contact or the organisation" in response.content.decode()
    response = staff_client.post(
        "/outreach/approaches/new/",
        {"contact_email": "nobody@example.org", "approached_on": "2026-03-01",
         "channel": "meeting", "ask": "x", "outcome": "awaiting"},
    )  # fmt: skip
    assert "No contact has this e-mail address" in response.content.decode()
    assert not Approach.objects.exists()


def test_follow_up_done_page_and_filters(staff_client, frozen):
    overdue = follow_up(-2)
    follow_up(5)
    response = staff_client.get("/outreach/approaches/", {"follow_up": "overdue"})
    assert list(response.context["object_list"]) == [overdue]
    assert response.context["overdue_count"] == 1
    staff_client.post(f"/outreach/approaches/{overdue.pk}/follow-up-done/", {"notes": "Called"})
    overdue.refresh_from_db()
    assert overdue.followed_up_at is not None
    response = staff_client.post(f"/outreach/approaches/{overdue.pk}/follow-up-done/", follow=True)
    assert "already marked as done" in response.content.decode()


def test_follow_up_done_ignores_an_outside_next_address(staff_client):
    approach = follow_up(0)
    response = staff_client.post(
        f"/outreach/approaches/{approach.pk}/follow-up-done/", {"next": "https://evil.example"}
    )
    assert response["Location"] == approach.get_absolute_url()
