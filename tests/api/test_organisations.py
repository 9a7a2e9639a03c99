import pytest

from partnerships.models import RequestEvent
from tests.factories import OrganisationFactory, PartnershipRequestFactory

pytestmark = pytest.mark.django_db


def test_matches_are_ranked_with_owner_last_activity_and_reasons(api_client_for, staff):
    twin = OrganisationFactory(
        name="Oxfam Novib", acronym="ONB", website="https://oxfamnovib.example",
        relationship_owner=staff,
    )  # fmt: skip
    OrganisationFactory(name="Novib Trust", acronym="ONB", website="https://other.example")
    request = PartnershipRequestFactory(organisation=twin)
    RequestEvent.objects.create(request=request, to_status="submitted")
    response = api_client_for(staff).get(
        "/api/organisations/matches/",
        {"name": "Oxfam Novib", "acronym": "ONB", "website": "www.oxfamnovib.example"},
    )
    assert response.status_code == 200
    rows = response.json()
    assert [row["organisation"]["name"] for row in rows] == ["Oxfam Novib", "Novib Trust"]
    assert [row["rank"] for row in rows] == [1, 2]
    first = rows[0]
    assert set(first["reasons"]) >= {"same name", "same acronym", "same website"}
    assert first["owner"] == staff.username
    assert first["last_activity"] is not None
    assert rows[1]["reasons"] == ["same acronym"] and rows[1]["owner"] is None


def test_matches_without_input_are_empty(api_client_for, staff):
    OrganisationFactory()
    assert api_client_for(staff).get("/api/organisations/matches/").json() == []


def test_registering_a_likely_duplicate_needs_confirmation(api_client_for, staff):
    OrganisationFactory(name="Film House")
    client = api_client_for(staff)
    body = {
        "name": "Film House",
        "kind": "media",
        "scope": "local",
        "relationship_status": "prospect",
    }
    refused = client.post("/api/organisations/", body)
    assert refused.status_code == 400
    assert "Film House" in refused.json()["non_field_errors"][0]
    assert (
        client.post("/api/organisations/", {**body, "confirm_different": True}).status_code == 201
    )


def test_list_is_keyset_paginated(api_client_for, staff):
    for n in range(5):
        OrganisationFactory(name=f"Org {n}")
    client = api_client_for(staff)
    first = client.get("/api/organisations/", {"page_size": 2}).json()
    assert [row["name"] for row in first["results"]] == ["Org 0", "Org 1"]
    assert "cursor=" in first["next"] and "count" not in first
    second = client.get(first["next"]).json()
    assert [row["name"] for row in second["results"]] == ["Org 2", "Org 3"]


def test_list_uses_the_registry_filters(api_client_for, staff):
    OrganisationFactory(name="Union", kind="trade_union")
    OrganisationFactory(name="Paper", kind="media")
    rows = api_client_for(staff).get("/api/organisations/", {"kind": "media"}).json()["results"]
    assert [row["name"] for row in rows] == ["Paper"]


def test_a_local_group_sees_only_the_summary(api_client_for, group_user):
    OrganisationFactory(trust_notes="internal")
    row = api_client_for(group_user).get("/api/organisations/").json()["results"][0]
    assert "trust_notes" not in row and "name" in row
