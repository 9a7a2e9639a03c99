"""Each chart's numbers against known data, its JSON endpoint, and the table under it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from dashboard import charts
from dashboard.sections import DashboardFilters
from outreach.models import Delivery, Mailing, SpectrumMove, SpectrumPlacement
from partnerships.models import Partnership
from tests.factories import (
    CampaignFactory,
    ContactFactory,
    LocalGroupFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    SectorAssessmentFactory,
    SectorFactory,
    UrgentActionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
FILTERS = DashboardFilters(today=TODAY)


def _moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _partnership(starts_on, ends_on=None, **kwargs) -> Partnership:
    return Partnership.objects.create(
        title="Joint forum",
        visibility="co_branded",
        starts_on=starts_on,
        ends_on=ends_on,
        status="concluded" if ends_on else "active",
        lead=UserFactory(),
        **kwargs,
    )


def test_partnerships_by_status_counts_active_and_concluded_at_each_month_end():
    _partnership(datetime.date(2026, 4, 10))
    _partnership(datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 5, 20))
    data = charts.partnerships_by_status(FILTERS)
    assert len(data["labels"]) == 12 and data["labels"][-1] == "June 2026"
    active, ended = (dataset["data"] for dataset in data["datasets"])
    # Dec 2025 … Jun 2026 are the last seven months.
    assert active[-7:] == [0, 1, 1, 1, 2, 1, 1]
    assert ended[-7:] == [0, 0, 0, 0, 0, 1, 1]
    assert data["table"]["rows"][-1] == ["June 2026", 1, 1]


def test_partnerships_chart_follows_the_local_group_filter():
    group = LocalGroupFactory()
    _partnership(datetime.date(2026, 4, 10), local_group=group)
    _partnership(datetime.date(2026, 4, 10))
    data = charts.partnerships_by_status(DashboardFilters(today=TODAY, local_group_id=group.pk))
    assert data["datasets"][0]["data"][-1] == 1


def test_requests_by_outcome_and_median_days_per_quarter():
    for outcome, submitted, days in [
        ("approved", datetime.date(2026, 2, 1), 2),
        ("declined", datetime.date(2026, 2, 10), 4),
        ("approved", datetime.date(2026, 4, 1), 10),
        ("submitted", datetime.date(2026, 4, 1), 0),
    ]:
        PartnershipRequestFactory(
            status=outcome,
            submitted_at=_moment(submitted),
            decided_at=_moment(submitted + datetime.timedelta(days=days)) if days else None,
        )
    data = charts.requests_by_outcome(FILTERS)
    assert data["labels"][-2:] == ["2026 Q1", "2026 Q2"]
    by_label = {dataset["label"]: dataset["data"] for dataset in data["datasets"]}
    assert by_label["Approved"][-2:] == [1, 1]
    assert by_label["Declined"][-2:] == [1, 0]
    assert by_label["Median days to decision"][-2:] == [3.0, 10.0]
    assert data["table"]["rows"][-2] == ["2026 Q1", 1, 1, 0, 0, 0, 3.0]


def test_spectrum_of_allies_now_and_three_months_ago():
    campaign = CampaignFactory(name="Stop torture")
    moved, new, steady = OrganisationFactory.create_batch(3)
    SpectrumMove.objects.create(
        campaign=campaign,
        organisation=moved,
        position=0,
        moved_on=datetime.date(2026, 1, 5),
        reason="r",
    )
    SpectrumMove.objects.create(
        campaign=campaign,
        organisation=moved,
        from_position=0,
        position=2,
        moved_on=datetime.date(2026, 5, 1),
        reason="r",
    )
    SpectrumMove.objects.create(
        campaign=campaign,
        organisation=steady,
        position=-1,
        moved_on=datetime.date(2026, 2, 1),
        reason="r",
    )
    SpectrumMove.objects.create(
        campaign=campaign,
        organisation=new,
        position=1,
        moved_on=datetime.date(2026, 6, 1),
        reason="r",
    )
    for organisation, position in [(moved, 2), (steady, -1), (new, 1)]:
        SpectrumPlacement.objects.create(
            campaign=campaign, organisation=organisation, position=position, placed_on=TODAY
        )
    data = charts.spectrum_of_allies(FILTERS, campaign_id=campaign.pk)
    assert data["labels"] == [
        "Active ally",
        "Passive ally",
        "Neutral",
        "Passive opposition",
        "Active opposition",
    ]
    before, now = (dataset["data"] for dataset in data["datasets"])
    assert now == [1, 1, 0, 1, 0]
    assert before == [0, 0, 1, 1, 0]
    assert data["campaign"] == campaign.pk
    assert "Stop torture" in data["title"]  # fmt: skip


def test_sector_priority_matrix_repeats_the_priorities_scores_and_links_there():
    sector = SectorFactory(name="Lighthouse keepers")
    SectorAssessmentFactory(
        sector=sector,
        domestic_influence=5,
        approachability=5,
        not_yet_reached=5,
        size=5,
        credibility_effect=5,
    )
    data = charts.sector_priority_matrix(FILTERS)
    row = next(row for row in data["table"]["rows"] if row[0] == "Lighthouse keepers")
    assert row[1] == 100.0 and row[2] == data["datasets"][0]["data"][0]["y"]
    assert data["link"]["url"] == reverse("outreach:priorities")  # fmt: skip


def test_mailing_reach_counts_sent_bounced_and_unsubscribed_per_urgent_action():
    staff = UserFactory()
    ua = UrgentActionFactory(approved=True, reference="UA 9/26")
    mailing = Mailing.objects.create(urgent_action=ua, created_by=staff, status="done")
    sent_at = timezone.now() - datetime.timedelta(days=1)
    left = ContactFactory(status="unsubscribed", consent_withdrawn_at=timezone.now())
    for contact, status in [
        (left, "sent"),
        (ContactFactory(), "sent"),
        (ContactFactory(), "sent"),
        (ContactFactory(), "failed"),
    ]:
        Delivery.objects.create(
            mailing=mailing,
            contact=contact,
            status=status,
            sent_at=sent_at if status == "sent" else None,
        )
    data = charts.mailing_reach(FILTERS)
    assert data["labels"] == ["UA 9/26"]
    assert [dataset["data"] for dataset in data["datasets"]] == [[3], [1], [1]]
    assert data["table"]["rows"] == [["UA 9/26", 3, 1, 1]]  # fmt: skip


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_each_chart_json_matches_its_table_on_the_charts_page(client, role_user, name):
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.get(reverse("dashboard:chart_json", args=[name]))
    assert response.status_code == 200
    data = response.json()
    assert data == charts.CHARTS[name](DashboardFilters())
    page = client.get(reverse("dashboard:charts")).content.decode()
    assert f'data-chart-url="{reverse("dashboard:chart_json", args=[name])}?' in page
    for column in data["table"]["columns"]:
        assert f'<th scope="col">{column}</th>' in page


def test_charts_are_cached_briefly(client, role_user, django_assert_max_num_queries):
    client.force_login(role_user(Role.SECTION_STAFF))
    client.get(reverse("dashboard:charts"))
    _partnership(timezone.localdate())
    with django_assert_max_num_queries(5):  # session, user, groups, campaigns; no chart query
        response = client.get(reverse("dashboard:chart_json", args=["partnerships"]))
    assert response.json()["datasets"][0]["data"][-1] == 0  # not yet: cached


def test_local_groups_cannot_read_the_charts(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    assert client.get(reverse("dashboard:chart_json", args=["reach"])).status_code == 403
    assert client.get(reverse("dashboard:charts")).status_code == 403
    assert client.get(reverse("dashboard:chart_json", args=["nope"])).status_code == 403


def test_an_unknown_chart_is_404(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    assert client.get(reverse("dashboard:chart_json", args=["nope"])).status_code == 404


def test_another_app_registers_a_chart_with_its_endpoint_and_table(client, role_user):
    def heatmap(filters):
        return {
            "type": "bar",
            "title": "Risk heatmap",
            "labels": ["Legal"],
            "datasets": [{"label": "High", "data": [2]}],
            "table": {"columns": ["Risk", "High"], "rows": [["Legal", 2]]},
            "link": {"label": "Risk", "url": "/risk/"},
        }

    charts.register_chart("example", heatmap)
    try:
        client.force_login(role_user(Role.SECTION_STAFF))
        assert (
            client.get(reverse("dashboard:chart_json", args=["example"])).json()["title"]
            == "Risk heatmap"
        )
        assert (
            '<th scope="row">Legal</th>' in client.get(reverse("dashboard:charts")).content.decode()
        )
    finally:
        charts.CHARTS.pop("example")
