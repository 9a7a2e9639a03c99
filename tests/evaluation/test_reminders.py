"""Evaluations due (EVALUATION_DUE_AFTER_DAYS after the end), next steps and reviews,
in the digest, /reminders/ and the calendar feed."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from dashboard.services import reminders
from evaluation.services.evaluations import evaluation_save

from .factories import ActivityFactory, all_answers

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 12)
MORNING = datetime.datetime(2026, 5, 12, 7, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def frozen(settings):
    settings.EVALUATION_DUE_AFTER_DAYS = 30
    with time_machine.travel(MORNING, tick=False):
        yield


def _ended(days_ago: int, **kwargs):
    ends = TODAY - datetime.timedelta(days=days_ago)
    return ActivityFactory(starts_on=ends, ends_on=ends, **kwargs)


def test_the_digest_lists_activities_unevaluated_30_days_after_they_end(frozen, partnership, staff):
    due = _ended(30, partnership=partnership, title="Film night")
    _ended(29, partnership=partnership, title="Too recent")
    assert reminders.reminder_digests_send() == 1
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert "Evaluate Film night" in message.body
    assert due.get_absolute_url() in message.body
    assert "Too recent" not in message.body


def test_a_completed_evaluation_is_no_longer_due(frozen, partnership, group1):
    activity = _ended(40, partnership=partnership, title="Film night")
    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    assert reminders.reminder_digests_send() == 0


def test_a_draft_evaluation_is_still_due(frozen, partnership, group1):
    activity = _ended(40, partnership=partnership, title="Film night")
    evaluation_save(activity=activity, user=group1, answers={"succeeding": "yes"})
    items = reminders.reminder_items(user=partnership.lead)
    assert [item.title for item in items] == ["Evaluate Film night"]
    assert items[0].overdue


def test_the_setting_decides_when_it_is_due(frozen, partnership, settings):
    settings.EVALUATION_DUE_AFTER_DAYS = 7
    _ended(7, partnership=partnership, title="Street stand")
    assert [i.title for i in reminders.reminder_items(user=partnership.lead)] == [
        "Evaluate Street stand"
    ]


def test_only_the_partnerships_lead_hears_of_it(frozen, partnership, coordinator):
    _ended(40, partnership=partnership)
    assert reminders.reminder_items(user=coordinator) == []


def test_the_reminders_page_and_calendar_feed_show_it(frozen, client, partnership):
    activity = _ended(30, partnership=partnership, title="Film night")
    client.force_login(partnership.lead)
    assert "Evaluate Film night" in client.get(reverse("dashboard:reminders")).content.decode()
    feed = reminders.calendar_feed_reset(user=partnership.lead)
    client.logout()
    calendar = Calendar.from_ical(
        client.get(reverse("dashboard:calendar_feed", args=[feed.token])).content
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Evaluate Film night"
    assert event.decoded("DTSTART") == activity.ends_on + datetime.timedelta(days=30)
    again = Calendar.from_ical(reminders.calendar_feed_ical(user=partnership.lead))
    assert str(again.walk("VEVENT")[0]["UID"]) == str(event["UID"])  # stable


def test_adjust_and_risk_review_reach_the_owners_digest(frozen, partnership, group1, staff):
    activity = _ended(1, partnership=partnership, title="Debate")
    evaluation_save(
        activity=activity, user=group1,
        answers=all_answers(recommendation="adjust", negative_effects="yes"), complete=True,
    )  # fmt: skip
    titles = [
        item.title
        for item in reminders.reminder_items(user=staff, today=TODAY + datetime.timedelta(days=30))
    ]
    organisation = partnership.organisations.get()
    assert "Adjust the cooperation: Debate" in titles
    assert f"Review the organisation for risk: {organisation}" in titles


def test_a_review_date_reaches_the_leads_digest_when_due(frozen, partnership, group1, settings):
    settings.EVALUATION_REVIEW_AFTER_DAYS = 10
    activity = _ended(1, partnership=partnership)
    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    assert reminders.reminder_items(user=partnership.lead) == []
    later = TODAY + datetime.timedelta(days=10)
    assert [i.kind for i in reminders.reminder_items(user=partnership.lead, today=later)] == [
        "Review"
    ]
