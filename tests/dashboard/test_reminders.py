import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.emails import MailServerRefusedLogin
from accounts.roles import Role
from dashboard.models import CalendarFeed, ReminderDigest
from dashboard.services import reminders
from partnerships.models import Meeting
from tests.factories import (
    ApproachFactory,
    CoalitionFactory,
    ContactFactory,
    PartnershipRequestFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = datetime.date(2026, 5, 12)
MORNING = datetime.datetime(2026, 5, 12, 7, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def frozen():
    with time_machine.travel(MORNING, tick=False):
        yield


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF, first_name="Sam")


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR)


def follow_up(owner, days_from_today: int, **kwargs):
    return ApproachFactory(
        follow_up_owner=owner,
        follow_up_on=TODAY + datetime.timedelta(days=days_from_today),
        **kwargs,
    )


def test_digest_lists_due_and_overdue_follow_ups_of_the_user_only(frozen, staff, role_user):
    overdue = follow_up(staff, -3, contact=ContactFactory(first_name="Ola", last_name="Overdue"))
    follow_up(staff, 0, contact=ContactFactory(first_name="Dee", last_name="Due"))
    follow_up(staff, 2)  # planned: not yet
    follow_up(staff, -1, followed_up_at=timezone.now())  # done
    follow_up(role_user(Role.SECTION_STAFF), -1, contact=ContactFactory(last_name="Notmine"))

    assert reminders.reminder_digests_send() == 2  # one each
    (message,) = [m for m in mail.outbox if m.to == [staff.email]]
    assert "Notmine" not in message.body
    assert "2 items due" in message.subject
    assert "Ola Overdue" in message.body and "(overdue)" in message.body
    assert "Dee Due" in message.body
    assert overdue.get_absolute_url() in message.body
    assert "Ola Overdue" in message.alternatives[0][0]


def test_the_job_run_twice_sends_one_digest_per_user_per_day(frozen, staff):
    follow_up(staff, 0)
    assert reminders.reminder_digests_send() == 1
    assert reminders.reminder_digests_send() == 0
    assert len(mail.outbox) == 1
    assert ReminderDigest.objects.get().date == TODAY
    with time_machine.travel(MORNING + datetime.timedelta(days=1), tick=False):
        assert reminders.reminder_digests_send() == 1  # the next day: overdue now


def test_nothing_due_sends_nothing(frozen, staff, coordinator):
    follow_up(staff, 3)
    assert reminders.reminder_digests_send() == 0
    assert mail.outbox == []
    assert not ReminderDigest.objects.exists()


def test_a_failed_send_can_be_retried(frozen, staff, monkeypatch):
    follow_up(staff, 0)

    def broken(**kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(reminders, "send_templated_email", broken)
    run = reminders.reminder_digests_run()
    assert (run.sent, run.failed_user_ids) == (0, [staff.pk])
    assert not ReminderDigest.objects.exists()
    monkeypatch.undo()
    assert reminders.reminder_digest_retry(user_id=staff.pk, today=run.today)
    assert reminders.reminder_digests_send() == 0  # the retry sent it; nothing twice


def test_one_failing_digest_does_not_stop_the_others(frozen, staff, role_user, monkeypatch):
    unlucky = role_user(Role.SECTION_STAFF, first_name="Una")
    for user in (unlucky, staff):
        follow_up(user, 0)
    real = reminders.send_templated_email

    def refuses_una(**kwargs):
        if kwargs["to"] == [unlucky.email]:
            raise ConnectionResetError("dropped")
        return real(**kwargs)

    monkeypatch.setattr(reminders, "send_templated_email", refuses_una)
    run = reminders.reminder_digests_run()
    assert run.sent == 1 and run.failed_user_ids == [unlucky.pk]
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert list(ReminderDigest.objects.values_list("user", flat=True)) == [staff.pk]


def test_the_failed_digest_is_retried_alone_by_its_own_task(frozen, staff, monkeypatch):
    from dashboard import tasks

    follow_up(staff, 0)
    queued = []
    monkeypatch.setattr(
        reminders, "send_templated_email", lambda **kw: (_ for _ in ()).throw(ConnectionResetError)
    )
    monkeypatch.setattr(
        tasks.send_reminder_digest, "apply_async", lambda args, **kw: queued.append((args, kw))
    )
    assert tasks.send_reminder_digests() == 0
    assert queued == [((staff.pk, TODAY.isoformat()), {"countdown": 60})]
    assert tasks.send_reminder_digest.autoretry_for == (OSError,)
    assert tasks.send_reminder_digest.retry_backoff


def test_the_meetings_are_queried_once_for_all_users(
    frozen, staff, role_user, django_assert_max_num_queries, monkeypatch
):
    for user in (staff, role_user(Role.SECTION_STAFF), role_user(Role.SECTION_STAFF)):
        follow_up(user, 0)
    calls = []
    real = reminders.coalition_meetings_next_week

    def counted(user, today):
        calls.append(user)
        return real(user, today)

    counted.same_for_every_user = True
    monkeypatch.setattr(
        reminders,
        "REMINDER_SOURCES",
        [counted if s is real else s for s in reminders.REMINDER_SOURCES],
    )
    assert reminders.reminder_digests_send() == 3
    assert len(calls) == 1


def test_coordinators_hear_of_requests_waiting_longer_than_the_setting(
    frozen, staff, coordinator, settings
):
    settings.REMINDER_REQUEST_WAITING_DAYS = 7
    old = PartnershipRequestFactory(
        submitted_at=MORNING - datetime.timedelta(days=9), activity_title="Old request"
    )
    PartnershipRequestFactory(
        submitted_at=MORNING - datetime.timedelta(days=3), activity_title="Fresh request"
    )
    PartnershipRequestFactory(
        status="approved",
        submitted_at=MORNING - datetime.timedelta(days=30),
        activity_title="Decided",
    )
    items = reminders.reminder_items(user=coordinator)
    assert [item.title.split(" (")[0] for item in items] == ["Old request"]
    assert str(old.pk) in items[0].url
    assert reminders.reminder_items(user=staff) == []


def test_meetings_of_coalitions_the_section_is_in_during_the_next_week(frozen, staff):
    ours = CoalitionFactory(name="Dutch platform", section_is_member=True)
    other = CoalitionFactory(name="Other platform", section_is_member=False)
    Meeting.objects.create(coalition=ours, date=TODAY + datetime.timedelta(days=6), agenda="x")
    Meeting.objects.create(coalition=ours, date=TODAY + datetime.timedelta(days=9), agenda="x")
    Meeting.objects.create(coalition=other, date=TODAY + datetime.timedelta(days=1), agenda="x")
    items = reminders.reminder_items(user=staff)
    assert [(item.kind, item.due) for item in items] == [
        ("Meeting", TODAY + datetime.timedelta(days=6))
    ]


def test_a_person_at_risk_is_not_named_in_the_digest(frozen, coordinator):
    # Coordinators may see the person: the item stays, but mail never names them.
    follow_up(coordinator, 0, contact=ContactFactory(last_name="Secretname", is_at_risk=True))
    reminders.reminder_digests_send()
    assert "Secretname" not in mail.outbox[0].body
    assert str(reminders.AT_RISK_LABEL) in mail.outbox[0].body


def test_in_app_list_shows_the_same_items(frozen, client, staff, django_assert_max_num_queries):
    follow_up(staff, -1, contact=ContactFactory(last_name="Listed"))
    client.force_login(staff)
    response = client.get(reverse("dashboard:reminders"))
    assert b"Listed" in response.content
    assert b"overdue" in response.content


@pytest.mark.parametrize("rows", [10, 200])
def test_reminders_page_query_count_does_not_grow(
    frozen, client, staff, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        follow_up(staff, -1)
    client.force_login(staff)
    # One query per reminder provider (follow-ups, meetings, evaluations due, ...).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("dashboard:reminders"))
    assert response.status_code == 200


def test_local_groups_have_no_reminders_page(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    assert client.get(reverse("dashboard:reminders")).status_code == 403
    assert client.post(reverse("dashboard:calendar_feed_reset")).status_code == 403


# --- the iCalendar feed ---------------------------------------------------------


def test_calendar_feed_is_valid_ical_with_one_event_per_open_follow_up(frozen, client, staff):
    first = follow_up(staff, 2, contact=ContactFactory(first_name="Cal", last_name="Endar"))
    follow_up(staff, -5)
    follow_up(staff, 1, followed_up_at=timezone.now())  # done: not in the feed
    feed = reminders.calendar_feed_reset(user=staff)
    client.logout()
    response = client.get(reverse("dashboard:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"\r\n" in response.content  # RFC 5545 line endings

    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    for event in events:
        assert event["UID"] and event["DTSTAMP"]  # required by RFC 5545
        assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(days=1)
    (cal,) = [e for e in events if "Endar" in str(e["SUMMARY"])]
    assert cal.decoded("DTSTART") == first.follow_up_on
    assert str(cal["UID"]) == f"approach-{first.pk}-follow-up@127.0.0.1"


def test_a_reset_token_revokes_the_old_address(client, staff):
    old = reminders.calendar_feed_reset(user=staff).token
    new = reminders.calendar_feed_reset(user=staff).token
    assert old != new
    assert client.get(reverse("dashboard:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("dashboard:calendar_feed", args=[new])).status_code == 200
    reminders.calendar_feed_revoke(user=staff)
    assert client.get(reverse("dashboard:calendar_feed", args=[new])).status_code == 404


def test_staff_create_and_revoke_their_feed_from_the_page(client, staff):
    client.force_login(staff)
    client.post(reverse("dashboard:calendar_feed_reset"), {"action": "reset"})
    token = CalendarFeed.objects.get(user=staff).token
    page = client.get(reverse("dashboard:reminders"))
    assert token.encode() in page.content
    client.post(reverse("dashboard:calendar_feed_reset"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=staff).exists()


def test_beat_schedules_for_the_digest_and_the_mailing_sweeper_are_created_idempotently():
    import importlib

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    # Run the data migrations' functions again (transactional tests flush their rows).
    for module in (
        "dashboard.migrations.0002_reminder_digest_schedule",
        "dashboard.migrations.0005_registry_figures_schedule",
        "outreach.migrations.0003_mailing_sweeper_schedule",
    ):
        importlib.import_module(module).create_schedule(apps, None)
        importlib.import_module(module).create_schedule(apps, None)
    tasks = dict(PeriodicTask.objects.values_list("task", "enabled"))
    assert PeriodicTask.objects.filter(task__in=list(tasks)).count() == len(tasks)
    assert tasks["dashboard.send_reminder_digests"] is True
    assert tasks["outreach.sweep_mailings"] is True
    assert tasks["dashboard.refresh_registry_figures"] is True


def test_the_daily_task_sends_the_digests(frozen, staff, django_capture_on_commit_callbacks):
    from dashboard.tasks import send_reminder_digests

    follow_up(staff, 0)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminder_digests.delay()
    assert len(mail.outbox) == 1


def test_an_smtp_login_refused_stops_the_digests_and_is_recorded_not_retried(
    frozen, staff, role_user, settings, client, monkeypatch, caplog
):
    from dashboard import tasks

    follow_up(staff, 0)
    follow_up(role_user(Role.SECTION_STAFF), 0)
    settings.EMAIL_BACKEND = "tests.accounts.test_emails.RefusingLoginBackend"
    queued = []
    monkeypatch.setattr(
        tasks.send_reminder_digest, "apply_async", lambda *a, **kw: queued.append(a)
    )
    with pytest.raises(MailServerRefusedLogin):
        tasks.send_reminder_digests()
    assert "check EMAIL_URL" in caplog.text
    assert queued == []  # no retry task: every digest would be refused alike
    assert not issubclass(MailServerRefusedLogin, tasks.send_reminder_digest.autoretry_for)
    (digest,) = ReminderDigest.objects.all()  # the first refused; the run stopped there
    assert digest.user == staff and digest.failed and "535" in digest.error
    # The row stands: neither the retry task nor a second run sends that day's digest.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert not reminders.reminder_digest_retry(user_id=staff.pk, today=TODAY)
    assert mail.outbox == []
    # The admin shows it.
    client.force_login(role_user(Role.COORDINATOR))
    page = client.get(reverse("admin:dashboard_reminderdigest_changelist") + "?failed=yes")
    assert page.status_code == 200
    assert "failed: " in page.content.decode() and "535" in page.content.decode()


def test_an_event_keeps_its_uid_in_every_language_and_meetings_of_one_coalition_differ():
    """Calendar clients update an event by its UID: the kind of an item is translated,
    so it must not be part of it; two meetings behind one coalition page stay two."""
    from django.utils import translation

    first = reminders.ReminderItem(
        kind="Meeting", title="a", due=datetime.date(2026, 3, 2), url="https://x/c/1/"
    )
    second = reminders.ReminderItem(
        kind="Meeting", title="b", due=datetime.date(2026, 3, 9), url="https://x/c/1/"
    )
    with translation.override("fr"):
        french = reminders.ReminderItem(
            kind=reminders._("Meeting"), title="a", due=first.due, url=first.url
        )
    assert reminders._event_uid(first, "h") == reminders._event_uid(french, "h")
    assert reminders._event_uid(first, "h") != reminders._event_uid(second, "h")


def test_each_digest_has_the_meetings_in_its_readers_language(frozen, staff, role_user):
    # The meetings are the same for everyone, but computed once per language: the
    # English digest goes out first and must not hand its titles to the French one.
    french = role_user(Role.SECTION_STAFF, language="fr")
    for user in (staff, french):
        follow_up(user, 0)
    coalition = CoalitionFactory(name="Dutch platform", section_is_member=True)
    Meeting.objects.create(coalition=coalition, date=TODAY + datetime.timedelta(days=2), agenda="x")
    assert reminders.reminder_digests_send() == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Dutch platform meeting" in bodies[staff.email]
    assert "Réunion de Dutch platform" in bodies[french.email]
    assert "Dutch platform meeting" not in bodies[french.email]


def test_the_reminders_page_shows_a_page_at_a_time_and_the_digest_everything(frozen, client, staff):
    from dashboard.views import REMINDERS_PER_PAGE

    for days in range(REMINDERS_PER_PAGE + 5):
        follow_up(staff, -1 - days)
    client.force_login(staff)
    url = reverse("dashboard:reminders")
    first = client.get(url)
    assert len(first.context["items"]) == REMINDERS_PER_PAGE
    assert first.content.decode().count("<tr") == REMINDERS_PER_PAGE + 1  # and the header
    assert "?page=2" in first.content.decode()
    assert len(client.get(url, {"page": 2}).context["items"]) == 5
    assert client.get(url, {"page": "x'--"}).context["page_obj"].number == 1  # no 500
    assert len(reminders.reminder_items(user=staff, today=TODAY)) == REMINDERS_PER_PAGE + 5
