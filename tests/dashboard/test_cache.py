"""What the dashboard caches and what it keeps live (issue 15): the registry figures
and the sections that need not be live are built at most once a minute or two per
user, filters and language, and say when; requests waiting and mailings in progress
are read on every request; a user's own follow-up change rebuilds theirs at once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from dashboard import providers, selectors
from dashboard.sections import DashboardFilters
from outreach.models import Mailing
from partnerships.models import PartnershipRequest, RequestEvent
from tests.factories import (
    ApproachFactory,
    LocalGroupFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    UrgentActionFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))  # TIME_ZONE
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def dashboard(client, staff, clock):
    client.force_login(staff)

    def get(**params):
        response = client.get(reverse("dashboard:home"), params)
        assert response.status_code == 200
        return response

    return get


def by_key(response) -> dict:
    return {section.key: section for section in response.context["sections"]}


def figures(response) -> dict[str, int]:
    return {str(figure.label): figure.value for figure in response.context["figures"]}


def later(clock, seconds: int) -> None:
    clock.move_to(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


def test_recent_activity_is_cached_says_when_and_is_rebuilt_after_its_timeout(
    dashboard, staff, clock
):
    mine = OrganisationFactory(name="Mine", relationship_owner=staff)
    ApproachFactory(organisation=mine, contact=None, approached_on=TODAY)
    first = by_key(dashboard())["activity"]
    assert first.count == 1
    assert first.updated_at == NOW
    request = PartnershipRequestFactory(organisation=mine)
    RequestEvent.objects.create(request=request, from_status="draft", to_status="submitted")
    response = dashboard()
    assert by_key(response)["activity"].count == 1  # the cached section
    assert "Updated at 12:00" in response.content.decode()
    later(clock, providers.SECTION_CACHE_SECONDS + 1)
    rebuilt = by_key(dashboard())["activity"]
    assert rebuilt.count == 2
    assert rebuilt.updated_at > NOW


def test_each_filter_combination_has_its_own_cached_sections(dashboard, staff):
    LocalGroupFactory(region="North"), LocalGroupFactory(region="South")  # the choices
    mine = OrganisationFactory(name="Mine", relationship_owner=staff, region="North")
    ApproachFactory(organisation=mine, contact=None, approached_on=TODAY - datetime.timedelta(50))
    assert by_key(dashboard())["activity"].count == 0  # 30 days
    assert by_key(dashboard(period=90))["activity"].count == 1
    assert by_key(dashboard(period=90, region="South"))["activity"].count == 0


def test_cached_sections_are_per_user(client, staff, role_user, clock):
    other = role_user(Role.SECTION_STAFF)
    ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY)
    client.force_login(staff)
    assert by_key(client.get(reverse("dashboard:home")))["follow_ups"].count == 1
    client.force_login(other)
    assert by_key(client.get(reverse("dashboard:home")))["follow_ups"].count == 0


def test_cached_sections_are_per_language(dashboard, staff):
    english = by_key(dashboard())["activity"].title
    staff.language = "fr"
    staff.save(update_fields=["language"])
    french = by_key(dashboard())["activity"]
    assert french.title != english
    assert french.html and french.title in french.html


def test_cached_sections_follow_the_permission_for_people_at_risk(dashboard, staff):
    from django.contrib.auth.models import Permission

    from tests.factories import ContactFactory

    ApproachFactory(
        follow_up_owner=staff, follow_up_on=TODAY, contact=ContactFactory(is_at_risk=True)
    )
    assert by_key(dashboard())["follow_ups"].count == 0
    staff.user_permissions.add(Permission.objects.get(codename="view_at_risk_contact"))
    assert by_key(dashboard())["follow_ups"].count == 1
    staff.user_permissions.clear()
    assert by_key(dashboard())["follow_ups"].count == 0


def test_a_follow_up_done_leaves_the_dashboard_at_once(dashboard, staff):
    approach = ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY)
    assert by_key(dashboard())["follow_ups"].count == 1
    approach.followed_up_at = timezone.now()
    approach.save()
    assert by_key(dashboard())["follow_ups"].count == 0
    ApproachFactory(follow_up_owner=staff, follow_up_on=TODAY)
    assert by_key(dashboard())["follow_ups"].count == 1


def test_requests_waiting_and_mailings_in_progress_stay_live(dashboard, staff):
    assert by_key(dashboard())["requests"].count == 0
    PartnershipRequestFactory()
    Mailing.objects.create(
        urgent_action=UrgentActionFactory(approved=True), created_by=staff, status="sending"
    )
    response = dashboard()
    assert by_key(response)["requests"].count == 1
    assert by_key(response)["mailings"].count == 1
    assert figures(response)["Requests awaiting a decision"] == 1


def test_more_mailings_in_progress_than_rows_are_all_counted(dashboard, staff):
    ua = UrgentActionFactory(approved=True)
    Mailing.objects.bulk_create(
        Mailing(urgent_action=ua, created_by=staff, status="sending")
        for _ in range(providers.ROWS + 2)
    )
    section = by_key(dashboard())["mailings"]
    assert len(section.rows) == providers.ROWS
    assert section.count == providers.ROWS + 2


def test_registry_figures_are_one_cached_query_and_say_when(dashboard, clock):
    OrganisationFactory.create_batch(2)
    with CaptureQueriesContext(connection) as queries:
        response = dashboard()
    counts = [q["sql"] for q in queries if 'FROM "partnerships_organisation"' in q["sql"]]
    assert len(counts) == 1 and '"outreach_contact"' in counts[0]  # one query for both
    assert figures(response)["Organisations in the registry"] == 2
    assert response.context["figures_updated_at"] == NOW
    OrganisationFactory()
    assert figures(dashboard())["Organisations in the registry"] == 2
    later(clock, selectors.REGISTRY_FIGURES_CACHE_SECONDS + 1)
    assert figures(dashboard())["Organisations in the registry"] == 3


def test_beat_counts_the_registry_figures_ahead_so_that_no_request_counts(
    dashboard, clock, django_capture_on_commit_callbacks
):
    # Counted in whichever request found them expired, the figures took 50 to 130 ms at
    # the bench's size; beat counts them every minute, within their two-minute life.
    from dashboard.tasks import refresh_registry_figures

    def counted(response_of) -> tuple[dict, list]:
        with CaptureQueriesContext(connection) as queries:
            response = response_of()
        reads = [q for q in queries if 'FROM "partnerships_organisation"' in q["sql"]]
        return figures(response), reads

    OrganisationFactory.create_batch(2)
    dashboard()
    OrganisationFactory()

    def beat():  # tasks are sent once the transaction commits (config/celery.py)
        with django_capture_on_commit_callbacks(execute=True):
            refresh_registry_figures.delay()

    beat()
    shown, reads = counted(dashboard)
    assert shown["Organisations in the registry"] == 3 and reads == []
    for _ in range(3):  # past the figures' own life, beat every minute
        later(clock, 60)
        beat()
        assert counted(dashboard)[1] == []


def test_the_registry_figures_count_contacts_without_any_organisation(dashboard):
    from tests.factories import ContactFactory

    ContactFactory.create_batch(2)
    shown = figures(dashboard())
    assert shown["Organisations in the registry"] == 0
    assert shown["Contacts who may be mailed"] == 2


def test_a_warm_dashboard_queries_only_what_is_live(dashboard, django_assert_num_queries):
    dashboard()
    # The user (the session and the roles come from the cache); requests waiting;
    # mailings in progress.
    with django_assert_num_queries(3):
        dashboard()


def test_cached_sections_are_read_in_one_round_trip(staff, clock, monkeypatch):
    """Each cached section cost two trips to the cache (the user's generation, then the
    section): a sixth of the dashboard's time, waiting on Redis. Now the generation
    once and every section in one read."""
    from django.core.cache import cache

    from dashboard.sections import _sections, registered_keys, sections_for

    cached = [key for key in registered_keys() if _sections[key].cache_seconds]
    assert len(cached) >= 3
    built = sections_for(user=staff, filters=DashboardFilters(today=TODAY))
    trips: list[str] = []
    inside: list[str] = []  # the local-memory cache's get_many calls its own get

    def counted(name, method):
        def call(*args, **kwargs):
            if not inside:
                trips.append(name)
            inside.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                inside.pop()

        return call

    for name in ("get", "get_many", "get_or_set", "set", "add"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    again = sections_for(user=staff, filters=DashboardFilters(today=TODAY))
    assert trips == ["get", "get_many"]
    assert [section.html for section in again] == [section.html for section in built]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans")
def test_the_live_requests_read_their_partial_index_in_order():
    from tests.config.test_query_plans import index_names, plan_of, sorts

    first = PartnershipRequestFactory()
    # Most requests are decided long ago; a few wait (a third at the bench, fewer in life).
    statuses = ["submitted", "in_review", *["approved"] * 10, *["declined"] * 5, "draft"]
    PartnershipRequest.objects.bulk_create(
        PartnershipRequest(
            local_group_id=first.local_group_id,
            organisation_id=first.organisation_id,
            created_by_id=first.created_by_id,
            activity_title=f"Request {n}",
            activity_starts_on=first.activity_starts_on,
            status=statuses[n % len(statuses)],
            submitted_at=NOW - datetime.timedelta(minutes=n),
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE partnerships_partnershiprequest")
        cursor.execute("SET LOCAL enable_seqscan = off")
    nodes = plan_of(providers.waiting_requests(DashboardFilters()))
    assert "request_awaiting_decision" in index_names(nodes)
    assert sorts(nodes) == []


def test_a_cached_section_reloads_alone_for_htmx(client, staff, clock):
    mine = OrganisationFactory(name="Mine", relationship_owner=staff)
    ApproachFactory(organisation=mine, contact=None, approached_on=TODAY)
    client.force_login(staff)
    page = client.get(reverse("dashboard:home")).content.decode()
    partial = client.get(
        reverse("dashboard:home"), {"section": "activity"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert partial.strip().startswith(
        '<section class="dashboard-section card h-100" id="section-activity"'
    )
    assert partial.strip() in page  # the same HTML, rendered once
    assert "Mine" in partial and "Updated at 12:00" in partial


def test_the_updated_at_time_is_machine_readable_to_the_second(dashboard, staff, clock):
    # HTML's valid time string allows at most three fraction digits; Django's "c"
    # format writes six, which the HTML validator (and assistive tools) reject.
    clock.move_to(NOW + datetime.timedelta(microseconds=123456), tick=False)
    mine = OrganisationFactory(name="Mine", relationship_owner=staff)
    ApproachFactory(organisation=mine, contact=None, approached_on=TODAY)
    content = dashboard().content.decode()
    assert 'datetime="2026-06-15T12:00:00+0200"' in content
    assert ".123456" not in content
