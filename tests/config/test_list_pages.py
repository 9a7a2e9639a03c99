"""Every list page answers a malformed or out-of-range page number with a page, not an error."""

import pytest
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

STAFF_LISTS = [
    "partnerships:organisation_list",
    "partnerships:coalition_list",
    "partnerships:support_list",
    "outreach:contact_list",
    "outreach:approach_list",
    "outreach:structure_list",
    "outreach:publication_list",
    "outreach:campaign_list",
]
GROUP_LISTS = ["partnerships:my_requests"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5"])
@pytest.mark.parametrize(
    ("role", "url_name"),
    [(Role.SECTION_STAFF, n) for n in STAFF_LISTS] + [(Role.LOCAL_GROUP, n) for n in GROUP_LISTS],
)
def test_bad_page_numbers_show_the_nearest_page(client, role_user, role, url_name, page):
    client.force_login(role_user(role))
    response = client.get(reverse(url_name), {"page": page, "q": "x"})
    assert response.status_code == 200
    assert response.context["page_obj"].number >= 1
