"""No user input gives a 500: odd characters in the search boxes of the staff pages."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from partnerships.views.common import search_text
from tests.factories import CampaignFactory, OutreachStructureFactory

pytestmark = pytest.mark.django_db


def test_search_text_drops_nul_characters_and_trims():
    request = RequestFactory().get("/", {"q": " tor\x00ture " + "x" * 200})
    assert search_text(request, limit=10) == "torture xx"


@pytest.fixture
def search_pages():
    structure = OutreachStructureFactory()
    return [
        reverse("partnerships:coalition_list"),
        reverse("outreach:publication_list"),
        reverse("outreach:structure_list"),
        reverse("outreach:campaign_list"),
        reverse("outreach:keyword_autocomplete"),
        reverse("outreach:structure_detail", args=[structure.pk]),
        reverse("outreach:sector_detail", args=[structure.sector.slug]),
        reverse("outreach:campaign_detail", args=[CampaignFactory().pk]),
    ]


def test_a_nul_character_in_a_search_box_is_ignored_not_a_server_error(
    client, role_user, search_pages
):
    # SQLite accepts NUL; PostgreSQL raised "A string literal cannot contain NUL".

    client.force_login(role_user(Role.SECTION_STAFF))
    for url in search_pages:
        assert client.get(url, {"q": "\x00amnesty"}).status_code == 200, url


def test_a_nul_character_in_the_groups_organisation_search_is_ignored(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("partnerships:request_pick_organisation"), {"q": "am\x00nesty"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["admin:review_queue", "admin:partnerships_partnershiprequest_changelist"],
)
def test_a_nul_character_in_the_review_queue_search_is_ignored(client, role_user, url_name):
    client.force_login(role_user(Role.COORDINATOR))
    assert client.get(reverse(url_name), {"q": "\x00amnesty"}).status_code == 200
