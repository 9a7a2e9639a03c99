"""The reminders page builds one page of items (ReminderPages), in the digest's order."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.paginator import Paginator
from django.urls import reverse

from accounts.roles import Role
from dashboard.services import reminders
from evaluation.models import NextStep, NextStepKind
from partnerships.models import Meeting
from tests.evaluation.factories import ActivityFactory, PartnershipFactory
from tests.factories import (
    ApproachFactory,
    CoalitionFactory,
    ContactFactory,
    OrganisationFactory,
    assess_risk,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 12)
MORNING = datetime.datetime(2026, 5, 12, 7, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF, first_name="Sam")


@pytest.fixture
def frozen(settings):
    settings.EVALUATION_DUE_AFTER_DAYS = 30
    settings.RISK_REVIEW_NOTICE_DAYS = 7
    with time_machine.travel(MORNING, tick=False):
        yield


def busy(staff, rows: int = 12) -> None:
    """Items of every kind on the same four days, so that pages cut through days that
    several kinds share, and titles decide the order within a day and kind."""
    for n in range(rows):
        day = TODAY - datetime.timedelta(days=n % 4)
        ApproachFactory(
            follow_up_owner=staff,
            follow_up_on=day,
            contact=ContactFactory(first_name="Person", last_name=f"{rows - n:02d}"),
        )
        ended = day - datetime.timedelta(days=30)
        ActivityFactory(
            partnership=PartnershipFactory(lead=staff),
            title=f"Activity {n:02d}",
            starts_on=ended,
            ends_on=ended,
        )
        if n % 3 == 0:
            NextStep.objects.create(
                activity=ActivityFactory(), kind=NextStepKind.ADJUST, owner=staff, due_on=day
            )
            PartnershipFactory(lead=staff, title=f"Reviewed {n:02d}", review_on=day)
        if n % 2 == 0:
            assess_risk(
                OrganisationFactory(name=f"Org {n:02d}"),
                assessor=staff,
                assessed_on=ended,
                review_on=day,
            )
    coalition = CoalitionFactory(section_is_member=True)  # a source built whole
    Meeting.objects.create(coalition=coalition, date=TODAY, location="Utrecht")


def every_page(staff, per_page: int) -> list:
    paginator = Paginator(reminders.ReminderPages(user=staff), per_page)
    return [item for number in paginator.page_range for item in paginator.page(number)]


@pytest.mark.parametrize("per_page", [1, 5, 7, 50])
def test_the_pages_together_are_the_digests_items_in_its_order(frozen, staff, per_page):
    busy(staff)
    everything = reminders.reminder_items(user=staff)
    assert {item.kind for item in everything} == {
        "Follow-up", "Evaluation", "Next step", "Review", "Risk review", "Meeting"
    }  # fmt: skip
    assert len(everything) == 12 + 12 + 4 + 4 + 6 + 1
    assert every_page(staff, per_page) == everything


def test_each_windowed_source_dates_every_item_it_builds(frozen, staff):
    busy(staff)
    windowed = [s for s in reminders.REMINDER_SOURCES if hasattr(s, "due_dates")]
    assert {s.__name__ for s in windowed} == {
        "approach_follow_ups", "evaluation_items", "risk_reviews_due"
    }  # fmt: skip
    for source in windowed:
        built = source(staff, TODAY)
        assert built, source
        assert sorted(source.due_dates(staff, TODAY)) == sorted(item.due for item in built)


def test_a_page_builds_only_the_items_due_within_it(frozen, staff, monkeypatch):
    for days in range(60):
        ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY - datetime.timedelta(days=days))
    built = []
    real = reminders._follow_up_item

    def counted(approach, today):
        built.append(approach.pk)
        return real(approach, today)

    monkeypatch.setattr(reminders, "_follow_up_item", counted)
    paginator = Paginator(reminders.ReminderPages(user=staff), 50)
    assert paginator.count == 60 and not built  # counted from the dates alone
    assert len(paginator.page(1)) == 50 and len(built) == 50
    assert len(paginator.page(2)) == 10 and len(built) == 60


@pytest.mark.parametrize("rows", [4, 24])
def test_the_page_with_every_kind_has_a_fixed_number_of_queries(
    frozen, client, staff, django_assert_max_num_queries, rows
):
    busy(staff, rows)
    client.force_login(staff)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("dashboard:reminders"))
    # Every windowed kind on the page: each of their queries ran (the meeting's always does).
    kinds = {item.kind for item in response.context["items"]}
    assert kinds >= {"Follow-up", "Evaluation", "Next step", "Review", "Risk review"}
