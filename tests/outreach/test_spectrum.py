import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from outreach.models import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition
from outreach.services.campaigns import spectrum_place
from tests.factories import CampaignFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

JAN, MAR, MAY = datetime.date(2026, 1, 10), datetime.date(2026, 3, 10), datetime.date(2026, 5, 10)


def test_placing_and_moving_keeps_every_change_with_date_and_reason():
    campaign, organisation = CampaignFactory(), OrganisationFactory()
    spectrum_place(
        campaign=campaign,
        organisation=organisation,
        position=SpectrumPosition.PASSIVE_OPPOSITION,
        moved_on=JAN,
        reason="Opposed the first draft.",
    )
    spectrum_place(
        campaign=campaign,
        organisation=organisation,
        position=SpectrumPosition.NEUTRAL,
        moved_on=MAR,
        reason="Concerns answered.",
    )
    spectrum_place(
        campaign=campaign,
        organisation=organisation,
        position=SpectrumPosition.ACTIVE_ALLY,
        moved_on=MAY,
        reason="Co-signed the letter.",
    )

    placement = SpectrumPlacement.objects.get()
    assert (placement.position, placement.placed_on) == (SpectrumPosition.ACTIVE_ALLY, MAY)
    history = list(SpectrumMove.objects.order_by("moved_on"))
    assert [(m.from_position, m.position, m.moved_on, m.reason) for m in history] == [
        (None, -1, JAN, "Opposed the first draft."),
        (-1, 0, MAR, "Concerns answered."),
        (0, 2, MAY, "Co-signed the letter."),
    ]
    assert [m.steps_towards_ally for m in history] == [0, 1, 2]


def test_moving_to_the_same_position_is_refused():
    campaign, organisation = CampaignFactory(), OrganisationFactory()
    spectrum_place(
        campaign=campaign, organisation=organisation, position=0, moved_on=JAN, reason="x"
    )
    with pytest.raises(ValidationError, match="already"):
        spectrum_place(
            campaign=campaign, organisation=organisation, position=0, moved_on=MAR, reason="y"
        )
    assert SpectrumMove.objects.count() == 1


@pytest.mark.parametrize(
    ("position", "moved_on", "reason", "message"),
    [
        (5, MAR, "x", "five positions"),
        (1, MAR, "   ", "reason"),
        (1, datetime.date(2025, 12, 1), "x", "predate"),
    ],
)
def test_an_invalid_move_changes_nothing(position, moved_on, reason, message):
    campaign, organisation = CampaignFactory(), OrganisationFactory()
    spectrum_place(
        campaign=campaign, organisation=organisation, position=0, moved_on=JAN, reason="x"
    )
    with pytest.raises(ValidationError, match=message):
        spectrum_place(
            campaign=campaign,
            organisation=organisation,
            position=position,
            moved_on=moved_on,
            reason=reason,
        )
    assert SpectrumMove.objects.count() == 1
    assert SpectrumPlacement.objects.get().position == 0


def test_campaign_page_shows_five_columns_and_the_moves(staff_client):
    campaign = CampaignFactory()
    ally, opponent = (
        OrganisationFactory(name="Friendly Union"),
        OrganisationFactory(name="Hostile Lobby"),
    )
    spectrum_place(
        campaign=campaign, organisation=ally, position=1, moved_on=JAN, reason="Signed up."
    )
    spectrum_place(
        campaign=campaign, organisation=ally, position=2, moved_on=MAR, reason="Marched."
    )
    spectrum_place(
        campaign=campaign,
        organisation=opponent,
        position=-2,
        moved_on=JAN,
        reason="Lobbies against.",
    )

    response = staff_client.get(campaign.get_absolute_url())

    columns = response.context["columns"]
    assert [c.position.label for c in columns] == [
        "Active ally",
        "Passive ally",
        "Neutral",
        "Passive opposition",
        "Active opposition",
    ]
    assert [p.organisation for p in columns[0].placements] == [ally]
    assert [p.organisation for p in columns[4].placements] == [opponent]
    html = response.content.decode()
    assert html.count('class="spectrum-col ') == 5
    assert "towards ally (+1)" in html and "Marched." in html


def test_staff_move_an_organisation_through_the_form(staff_client):
    campaign, organisation = CampaignFactory(), OrganisationFactory()
    url = reverse("outreach:spectrum_place", args=[campaign.pk, organisation.pk])
    response = staff_client.post(url, {"position": "1", "moved_on": "2026-02-01", "reason": "Met."})
    assert response.status_code == 302
    move = SpectrumMove.objects.get()
    assert move.position == 1 and move.moved_by is not None


def test_the_form_shows_a_refused_move_as_an_error(staff_client):
    campaign, organisation = CampaignFactory(), OrganisationFactory()
    spectrum_place(
        campaign=campaign, organisation=organisation, position=1, moved_on=JAN, reason="x"
    )
    url = reverse("outreach:spectrum_place", args=[campaign.pk, organisation.pk])
    response = staff_client.post(url, {"position": "1", "moved_on": "2026-02-01", "reason": "y"})
    assert response.status_code == 200
    assert "already a passive ally" in response.content.decode()


@pytest.mark.parametrize("data", [{"position": "9"}, {"position": "x"}, {"moved_on": "garbage"}])
def test_bad_form_input_gives_an_error_not_a_crash(staff_client, data):
    campaign, organisation = CampaignFactory(), OrganisationFactory()
    url = reverse("outreach:spectrum_place", args=[campaign.pk, organisation.pk])
    response = staff_client.post(
        url, {"position": "1", "moved_on": "2026-02-01", "reason": "r", **data}
    )
    assert response.status_code == 200 and not SpectrumMove.objects.exists()


def test_an_unknown_campaign_or_organisation_is_not_found(staff_client):
    campaign = CampaignFactory()
    assert (
        staff_client.get(reverse("outreach:spectrum_place", args=[campaign.pk, 999])).status_code
        == 404
    )
    assert staff_client.get(reverse("outreach:campaign_detail", args=[999])).status_code == 404


def test_a_campaign_cannot_end_before_it_starts(staff_client):
    response = staff_client.post(
        reverse("outreach:campaign_create"),
        {"name": "Backwards", "goal": "g", "starts_on": "2026-05-01", "ends_on": "2026-01-01"},
    )
    assert "cannot end before it starts" in response.content.decode()
    assert not Campaign.objects.exists()


def test_staff_create_a_campaign(staff_client):
    response = staff_client.post(
        reverse("outreach:campaign_create"),
        {"name": "Stop torture", "goal": "Ratify the protocol.", "starts_on": "2026-01-01"},
    )
    assert response["Location"] == Campaign.objects.get().get_absolute_url()


@pytest.mark.parametrize("count", [10, 200])
def test_campaign_list_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, count
):
    organisation = OrganisationFactory()
    for _ in range(count):
        SpectrumPlacement.objects.create(
            campaign=CampaignFactory(), organisation=organisation, position=0, placed_on=JAN
        )
    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("outreach:campaign_list")).status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_campaign_page_runs_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries, count
):
    campaign = CampaignFactory()
    for number in range(count):
        organisation = OrganisationFactory()
        spectrum_place(
            campaign=campaign,
            organisation=organisation,
            position=number % 5 - 2,
            moved_on=JAN,
            reason="r",
        )
    with django_assert_max_num_queries(8):
        assert staff_client.get(campaign.get_absolute_url(), {"q": "Org"}).status_code == 200


def test_moves_appear_on_the_organisation_timeline(django_assert_num_queries):
    from outreach.selectors.campaigns import spectrum_timeline_entries
    from partnerships.timeline import timeline_for

    campaign, organisation = CampaignFactory(name="Stop torture"), OrganisationFactory()
    spectrum_place(
        campaign=campaign, organisation=organisation, position=0, moved_on=JAN, reason="Met."
    )
    spectrum_place(
        campaign=campaign, organisation=organisation, position=1, moved_on=MAR, reason="Signed."
    )

    with django_assert_num_queries(1):
        spectrum_timeline_entries(organisation)
    entries = [e for e in timeline_for(organisation) if e.kind == "spectrum"]

    assert [(e.title, e.detail, e.when.date()) for e in entries] == [
        ("Passive ally in Stop torture", "Signed.", MAR),
        ("Neutral in Stop torture", "Met.", JAN),
    ]


def test_campaign_page_finds_organisations_by_acronym(staff_client):
    campaign = CampaignFactory()
    OrganisationFactory(name="International Commission of Jurists", acronym="ICJ")
    response = staff_client.get(campaign.get_absolute_url(), {"q": "icj"})
    assert [o.acronym for o in response.context["candidates"]] == ["ICJ"]


def test_staff_edit_a_campaign_and_see_it_saved(staff_client):
    campaign = CampaignFactory(name="Old name")
    response = staff_client.post(
        reverse("outreach:campaign_update", args=[campaign.pk]),
        {"name": "New name", "goal": "g", "starts_on": "2026-01-01", "ends_on": ""},
        follow=True,
    )
    assert "Saved the campaign “New name”." in response.content.decode()
