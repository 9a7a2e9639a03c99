"""The dashboard's sections against known data: each count, its rows, its link and its
empty state; the filters in the URL; htmx partials; the query count."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from dashboard import sections as registry
from dashboard.sections import DashboardFilters, Section, SectionRow
from outreach.models import Delivery, Mailing, SpectrumMove
from partnerships.models import Meeting, RequestEvent
from tests.factories import (
    ApproachFactory,
    CampaignFactory,
    CoalitionFactory,
    ContactFactory,
    LocalGroupFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    UrgentActionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _midday(time_machine):
    # A fixed day, so "today" in the test and in the view never straddle midnight.
    time_machine.move_to(
        datetime.datetime(2026, 6, 15, 12, tzinfo=timezone.get_current_timezone()), tick=True
    )


def by_key(response) -> dict[str, Section]:
    return {section.key: section for section in response.context["sections"]}


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def dashboard(client, staff):
    client.force_login(staff)

    def get(**params):
        response = client.get(reverse("dashboard:home"), params)
        assert response.status_code == 200
        return response

    return get


def test_requests_waiting_are_listed_oldest_first_with_their_age(dashboard):
    now = timezone.now()
    PartnershipRequestFactory(
        activity_title="Recent", submitted_at=now - datetime.timedelta(days=1)
    )
    PartnershipRequestFactory(
        activity_title="Oldest", submitted_at=now - datetime.timedelta(days=20)
    )
    PartnershipRequestFactory(activity_title="Decided", status="approved")
    section = by_key(dashboard())["requests"]
    assert section.count == 2
    assert [row.title.split(" (")[0] for row in section.rows] == ["Oldest", "Recent"]
    assert "waiting 2" in section.rows[0].detail  # "2 weeks"
    assert section.rows[0].overdue and not section.rows[1].overdue
    assert section.url == reverse("admin:review_queue")


def test_requests_filtered_by_local_group_link_to_the_filtered_queue(dashboard):
    north = LocalGroupFactory(name="North group", region="North")
    PartnershipRequestFactory(local_group=north)
    PartnershipRequestFactory()
    section = by_key(dashboard(local_group=north.pk))["requests"]
    assert section.count == 1
    assert section.url == reverse("admin:review_queue") + f"?local_group__id__exact={north.pk}"


def test_region_filter_keeps_requests_of_groups_or_organisations_in_the_region(dashboard):
    north = LocalGroupFactory(name="North group", region="North")
    PartnershipRequestFactory(local_group=north)
    PartnershipRequestFactory(organisation=OrganisationFactory(region="North"))
    PartnershipRequestFactory()
    assert by_key(dashboard(region="North"))["requests"].count == 2


def test_my_follow_ups_count_due_and_overdue_and_skip_others(dashboard, staff, role_user):
    ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY - datetime.timedelta(days=3))
    ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY)
    ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY + datetime.timedelta(days=3))
    ApproachFactory(follow_up_owner=role_user(Role.SECTION_STAFF), follow_up_on=TODAY)
    response = dashboard()
    section = by_key(response)["follow_ups"]
    assert section.count == 2
    assert section.overdue == 1
    assert [row.overdue for row in section.rows] == [True, False]
    assert section.url == reverse("outreach:approach_list") + "?follow_up=due&mine=on"
    figures = {figure.label: figure for figure in response.context["figures"]}
    assert figures["Follow-ups overdue"].value == 1
    assert figures["Follow-ups overdue"].url.endswith("?follow_up=overdue&mine=on")


def test_a_follow_up_with_a_person_at_risk_is_neither_counted_nor_named(dashboard, staff):
    ApproachFactory(
        follow_up_owner=staff,
        follow_up_on=TODAY - datetime.timedelta(days=1),
        contact=ContactFactory(last_name="Hidden", is_at_risk=True),
    )
    response = dashboard()
    assert by_key(response)["follow_ups"].count == 0
    assert "Hidden" not in response.content.decode()


def test_mailings_in_progress_show_their_progress(dashboard, staff):
    ua = UrgentActionFactory(approved=True, reference="UA 7/26")
    mailing = Mailing.objects.create(urgent_action=ua, created_by=staff, status="sending")
    Mailing.objects.create(urgent_action=ua, created_by=staff, status="done")
    for status in ["sent", "sent", "failed", "queued"]:
        Delivery.objects.create(mailing=mailing, contact=ContactFactory(), status=status)
    response = dashboard()
    section = by_key(response)["mailings"]
    assert section.count == 1
    assert section.rows[0].extra == {"total": 4, "sent": 2, "failed": 1, "percent": 75}
    html = response.content.decode()
    assert 'hx-trigger="every 3s"' in html
    assert "2 of 4 sent, 1 failed" in html


def test_the_mailings_section_reloads_alone_for_htmx(client, staff):
    client.force_login(staff)
    response = client.get(
        reverse("dashboard:home"), {"section": "mailings", "period": "7"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.strip().startswith(
        '<section class="dashboard-section card h-100" id="section-mailings"'
    )
    assert "<nav" not in html
    assert "No mailing is being sent" in html


def test_a_filter_change_by_htmx_returns_the_body_only(client, staff):
    client.force_login(staff)
    response = client.get(reverse("dashboard:home"), {"period": "7"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.strip().startswith('<div id="dashboard-body">')
    assert "<nav" not in html


def test_coalition_meetings_this_week_only(dashboard):
    member = CoalitionFactory(name="Platform", section_is_member=True)
    other = CoalitionFactory(name="Elsewhere", section_is_member=False)
    Meeting.objects.create(coalition=member, date=TODAY + datetime.timedelta(days=2), agenda="a")
    Meeting.objects.create(coalition=member, date=TODAY + datetime.timedelta(days=9), agenda="b")
    Meeting.objects.create(coalition=other, date=TODAY, agenda="c")
    section = by_key(dashboard())["meetings"]
    assert section.count == 1
    assert section.rows[0].title == "Platform"
    assert section.rows[0].url == reverse("partnerships:coalition_detail", args=[member.pk])


@pytest.fixture(params=["native", "branch by branch"])
def union_of_cut_branches(request, monkeypatch):
    """Both ways recent activity reads its three branches: one UNION where the database
    can cut each branch (PostgreSQL), a query each where it cannot (SQLite, `make run`)."""
    if request.param == "branch by branch":
        monkeypatch.setattr(connection.features, "supports_slicing_ordering_in_compound", False)


def test_recent_activity_on_my_organisations_within_the_period(
    dashboard, staff, union_of_cut_branches
):
    mine = OrganisationFactory(name="Mine", relationship_owner=staff)
    OrganisationFactory(name="Not mine")
    request = PartnershipRequestFactory(organisation=mine)
    event = RequestEvent.objects.create(request=request, from_status="draft", to_status="submitted")
    ApproachFactory(
        organisation=mine, contact=None, approached_on=TODAY - datetime.timedelta(days=2)
    )
    ApproachFactory(
        organisation=mine, contact=None, approached_on=TODAY - datetime.timedelta(days=60)
    )
    SpectrumMove.objects.create(
        campaign=CampaignFactory(), organisation=mine, position=1, moved_on=TODAY, reason="r"
    )
    section = by_key(dashboard())["activity"]
    assert section.count == 3
    assert {row.title for row in section.rows} == {"Mine"}
    assert (
        section.url == reverse("partnerships:organisation_list") + f"?relationship_owner={staff.pk}"
    )
    assert by_key(dashboard(period=90))["activity"].count == 4
    RequestEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    assert by_key(dashboard(period=7))["activity"].count == 2


def test_empty_sections_say_what_to_do_next(dashboard):
    html = dashboard().content.decode()
    assert "No request is waiting for a decision" in html
    assert "Record an approach" in html
    assert "No coalition meeting in the next seven days" in html
    assert "Take over a relationship" in html


def test_filters_are_kept_in_the_form_and_bad_values_are_ignored(dashboard):
    north = LocalGroupFactory(name="North group", region="North")
    response = dashboard(period="90", region="North", local_group=str(north.pk))
    filters = response.context["filters"]
    assert (filters.period_days, filters.region, filters.local_group_id) == (90, "North", north.pk)
    html = response.content.decode()
    assert '<option value="90" selected>' in html
    assert '<option value="North" selected>' in html
    bad = dashboard(period="abc", region="Nowhere", local_group="x").context["filters"]
    assert (bad.period_days, bad.region, bad.local_group_id) == (30, "", None)


def test_a_registered_section_from_another_app_appears(dashboard):
    def provider(user, filters: DashboardFilters):
        return Section(
            key="evaluations",
            title="Evaluations due",
            count=1,
            url="/evaluations/",
            rows=[SectionRow(title="Evaluate the forum", url="/evaluations/1/")],
            empty_text="",
        )

    registry.register_dashboard_section("evaluations", provider, order=60)
    try:
        html = dashboard().content.decode()
        assert "Evaluations due" in html and "Evaluate the forum" in html
    finally:
        registry._sections.pop("evaluations")


def test_reminder_sources_without_a_section_show_as_also_due(dashboard):
    from dashboard.services import reminders

    def risk_reviews(user, today):
        return [
            reminders.ReminderItem(kind="Risk", title="Review the march", due=today, url="/risk/1/")
        ]

    reminders.REMINDER_SOURCES.append(risk_reviews)
    try:
        section = by_key(dashboard())["other"]
        assert section.count == 1 and section.rows[0].title == "Review the march"
    finally:
        reminders.REMINDER_SOURCES.remove(risk_reviews)


def _data(staff, rows: int) -> None:
    ua = UrgentActionFactory(approved=True)
    owned = OrganisationFactory.create_batch(rows, relationship_owner=staff, region="North")
    coalition = CoalitionFactory(section_is_member=True)
    for i, organisation in enumerate(owned):
        request = PartnershipRequestFactory(organisation=organisation)
        RequestEvent.objects.create(request=request, to_status="submitted")
        ApproachFactory(organisation=organisation, follow_up_owner=staff, follow_up_on=TODAY)
        Meeting.objects.create(coalition=coalition, date=TODAY, agenda=str(i))
        mailing = Mailing.objects.create(urgent_action=ua, created_by=staff, status="sending")
        Delivery.objects.create(mailing=mailing, contact=ContactFactory(), status="sent")


@pytest.mark.parametrize("rows", [2, 30])
def test_the_query_count_does_not_grow_with_the_data(
    client, staff, rows, django_assert_max_num_queries
):
    _data(staff, rows)
    client.force_login(staff)
    # Cold caches: one query per section and per reminder source of the risk and
    # evaluation apps, 14 in all; 5 once warm (tests/config/test_query_counts.py).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("dashboard:home"), {"region": "North", "period": "90"})
    assert by_key(response)["requests"].count == rows
