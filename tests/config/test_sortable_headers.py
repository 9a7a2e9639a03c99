"""List column headers sort the list: a link per allowed ordering that keeps the other
query parameters, drops the page, toggles the direction and says it with aria-sort."""

import re
from urllib.parse import parse_qs

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from config.sorting import ListSorting
from tests.factories import (
    ApproachFactory,
    CampaignFactory,
    ContactFactory,
    OrganisationFactory,
    OutreachStructureFactory,
    PartnershipRequestFactory,
    PublicationFactory,
    SupportRequestFactory,
    UrgentActionFactory,
    assess_risk,
)

pytestmark = pytest.mark.django_db

HEADER = re.compile(r'<th scope="col"( aria-sort="(\w+)")?><a class="sort-link" href="\?([^"]*)"')


def headers(html: str) -> list[tuple[str, dict[str, list[str]]]]:
    """(aria-sort or "", parsed query) of each sortable header, in page order."""
    return [
        (match.group(2) or "", parse_qs(match.group(3).replace("&amp;", "&")))
        for match in HEADER.finditer(html)
    ]


@pytest.fixture
def staff_client(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    return client


def test_sorting_toggles_the_current_column_and_starts_others_in_their_own_direction():
    request = RequestFactory().get("/", {"sort": "name"})
    sorting = ListSorting.from_request(request, allowed={"name", "newest"}, default="name",
                                       descending={"newest"})  # fmt: skip
    assert sorting.direction("name") == "ascending" and sorting.toggle("name") == "-name"
    assert sorting.direction("newest") is None and sorting.toggle("newest") == "newest"
    reversed_ = ListSorting.from_request(
        RequestFactory().get("/", {"sort": "-newest"}), allowed={"name", "newest"},
        default="name", descending={"newest"},
    )  # fmt: skip
    assert reversed_.direction("newest") == "ascending" and reversed_.toggle("newest") == "newest"


@pytest.mark.parametrize("raw", ["password", "-", "--name", "name,kind;drop", "\u00b2"])
def test_sorting_falls_back_to_the_default_on_anything_not_allowed(raw):
    sorting = ListSorting.from_request(
        RequestFactory().get("/", {"sort": raw}), allowed={"name"}, default="name"
    )
    assert sorting.current == "name"


def test_registry_headers_keep_filters_drop_the_page_and_toggle(staff_client):
    OrganisationFactory(name="Alpha union", kind="trade_union")
    OrganisationFactory(name="Beta union", kind="trade_union")
    url = reverse("partnerships:organisation_list")
    response = staff_client.get(url, {"kind": "trade_union", "page": "1"})
    found = headers(response.content.decode())
    assert [query["sort"] for _, query in found] == [["-name"], ["kind"], ["country"], ["status"]]
    assert found[0][0] == "ascending"  # the default order is by name
    assert all(query["kind"] == ["trade_union"] and "page" not in query for _, query in found)

    reversed_page = staff_client.get(url, {"kind": "trade_union", "sort": "-name"})
    assert [o.name for o in reversed_page.context["organisations"]] == ["Beta union", "Alpha union"]
    name_header = headers(reversed_page.content.decode())[0]
    assert name_header[0] == "descending" and name_header[1]["sort"] == ["name"]


def test_a_sort_options_list_reverses_a_column_on_the_second_click(staff_client):
    PublicationFactory(title="Annual report")
    PublicationFactory(title="Briefing")
    url = reverse("outreach:publication_list")
    first = staff_client.get(url, {"sort": "title", "q": "r"})
    title_header = headers(first.content.decode())[0]
    assert title_header == ("ascending", {"sort": ["-title"], "q": ["r"]})
    assert [p.title for p in first.context["publications"]] == ["Annual report", "Briefing"]
    second = staff_client.get(url, {"sort": "-title", "q": "r"})
    assert [p.title for p in second.context["publications"]] == ["Briefing", "Annual report"]
    assert headers(second.content.decode())[0][0] == "descending"


def test_the_newest_first_column_reads_descending_and_turns_to_oldest(staff_client):
    older, newer = UrgentActionFactory(), UrgentActionFactory()
    response = staff_client.get(reverse("outreach:ua_list"))
    created = [h for h in headers(response.content.decode()) if h[0]]
    assert created == [("descending", {"sort": ["-newest"]})]
    oldest_first = staff_client.get(reverse("outreach:ua_list"), {"sort": "-newest"})
    assert list(oldest_first.context["urgent_actions"]) == [older, newer]


@pytest.mark.parametrize(
    ("url_name", "keys"),
    [
        ("partnerships:organisation_list", ["-name", "kind", "country", "status"]),
        ("outreach:contact_list", ["-name", "country"]),
        ("outreach:approach_list", ["date", "follow_up"]),
        ("outreach:structure_list", ["-name", "kind", "sector"]),
        ("outreach:publication_list", ["title", "-newest"]),
        ("outreach:campaign_list", ["name", "-newest"]),
        ("outreach:ua_list", ["reference", "-newest"]),
        ("partnerships:support_list", ["-newest", "organisation", "decision"]),
        ("risk:register", ["-open", "review"]),
        ("evaluation:activity_list", ["title", "-newest"]),
    ],
)
def test_every_sortable_list_has_header_links_for_its_orderings(staff_client, url_name, keys):
    for make in (ApproachFactory, CampaignFactory, ContactFactory, OrganisationFactory,
                 OutreachStructureFactory, PublicationFactory, SupportRequestFactory,
                 UrgentActionFactory):  # fmt: skip
        make()
    assess_risk(OrganisationFactory())
    response = staff_client.get(reverse(url_name))
    assert [query["sort"][0] for _, query in headers(response.content.decode())] == keys


def test_a_local_groups_requests_sort_by_their_start_date(client, role_user):
    user = role_user(Role.LOCAL_GROUP)
    client.force_login(user)
    late = PartnershipRequestFactory(local_group=user.local_group, activity_title="Late")
    early = PartnershipRequestFactory(local_group=user.local_group, activity_title="Early")
    early.activity_starts_on = late.activity_starts_on.replace(
        year=late.activity_starts_on.year - 1
    )
    early.save(update_fields=["activity_starts_on"])
    response = client.get(reverse("partnerships:my_requests"), {"sort": "starts"})
    assert [r.activity_title for r in response.context["partnership_requests"]] == ["Early", "Late"]
    keys = [(aria, query["sort"][0]) for aria, query in headers(response.content.decode())]
    assert keys == [("ascending", "-starts"), ("", "updated")]
