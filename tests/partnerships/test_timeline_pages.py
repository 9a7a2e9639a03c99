"""The organisation page's timeline in pages of 25: the newest first, older ones on
request (htmx appends them; without JavaScript they are a page of their own)."""

import datetime

import pytest

from accounts.roles import Role
from partnerships.timeline import timeline_for
from tests.factories import (
    ApproachFactory,
    CoalitionMembershipFactory,
    OrganisationFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def staff_client(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    return client


@pytest.fixture
def busy():
    # 40 memberships joined on the same day (ties a page must cut without repeating
    # or losing one) and 20 support requests: 60 entries, three pages.
    organisation = OrganisationFactory()
    CoalitionMembershipFactory.create_batch(40, organisation=organisation)
    SupportRequestFactory.create_batch(20, organisation=organisation)
    return organisation


def shown(entries) -> list[tuple]:
    return [(entry.kind, entry.title, entry.url) for entry in entries]


def test_the_page_shows_the_newest_25_and_a_link_to_the_older(staff_client, busy):
    response = staff_client.get(busy.get_absolute_url())
    assert shown(response.context["timeline"]) == shown(timeline_for(busy)[:25])
    assert response.context["timeline_older"] == 2
    assert b'hx-get="?timeline=2"' in response.content
    assert b"Show older entries" in response.content


def test_the_older_pages_add_up_to_the_whole_timeline_without_repeats(staff_client, busy):
    everything = shown(timeline_for(busy))
    assert len(everything) == 60
    read, page = [], 1
    while page:
        response = staff_client.get(busy.get_absolute_url(), {"timeline": page}, **HTMX)
        assert response.status_code == 200
        read += shown(response.context["timeline"])
        page = response.context["timeline_older"]
    assert read == everything


def test_an_htmx_page_is_the_entries_alone(staff_client, busy, django_assert_max_num_queries):
    # The fragment skips the panels and the at-risk access log: session, user, roles,
    # organisation, timeline.
    with django_assert_max_num_queries(5):
        response = staff_client.get(busy.get_absolute_url(), {"timeline": 3}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and html.count("<li") == 10
    assert html.count("autofocus") == 1  # the first new entry takes the link's focus
    assert "Show older entries" not in html
    assert "HX-Request" in response["Vary"]


def test_without_javascript_an_older_page_is_a_page_with_a_way_back(staff_client, busy):
    response = staff_client.get(busy.get_absolute_url(), {"timeline": 2})
    assert shown(response.context["timeline"]) == shown(timeline_for(busy)[25:50])
    assert b"<html" in response.content and b"Newest entries" in response.content
    assert b"autofocus" not in response.content
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "²", "1.5", "9" * 30, "99"])
def test_a_bad_or_past_the_end_page_reads_as_the_newest(staff_client, busy, raw):
    response = staff_client.get(busy.get_absolute_url(), {"timeline": raw})
    assert response.status_code == 200
    assert response.context["timeline_page"] == 1
    assert shown(response.context["timeline"]) == shown(timeline_for(busy)[:25])


def test_a_short_timeline_has_no_link_to_older_entries(staff_client):
    organisation = OrganisationFactory()
    SupportRequestFactory.create_batch(25, organisation=organisation)
    response = staff_client.get(organisation.get_absolute_url())
    assert len(response.context["timeline"]) == 25
    assert response.context["timeline_older"] is None
    assert b"Show older entries" not in response.content


def test_local_groups_are_refused_the_timeline_pages(client, role_user, busy):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(busy.get_absolute_url(), {"timeline": 2}, **HTMX)
    assert response.status_code == 403


def test_the_timeline_reads_one_page_in_the_database(busy):
    everything = shown(timeline_for(busy))
    assert shown(timeline_for(busy, limit=7, offset=30)) == everything[30:37]


def test_pages_cut_from_sources_each_longer_than_a_page_are_the_newest():
    """Each source is cut to the page's end in the database (PostgreSQL): two sources of
    40 entries on 40 different days, interleaved, must give the same pages as the
    whole timeline sorted, and not a source's oldest rows."""
    organisation, start = OrganisationFactory(), datetime.date(2025, 1, 1)
    for n in range(40):
        day = start + datetime.timedelta(days=2 * n)
        ApproachFactory(organisation=organisation, approached_on=day)
        CoalitionMembershipFactory(organisation=organisation, joined_on=day + datetime.timedelta(1))
    everything = shown(timeline_for(organisation))
    assert len(everything) == 80
    pages = [shown(timeline_for(organisation, limit=25, offset=at)) for at in range(0, 80, 25)]
    assert [entry for page in pages for entry in page] == everything
    assert pages[0][0][0] == "coalition" and pages[0][1][0] == "approach"
    # One source alone fills a whole page from its own cut.
    alone = OrganisationFactory()
    ApproachFactory.create_batch(31, organisation=alone)
    assert len(timeline_for(alone, limit=26, offset=5)) == 26
