"""No user input gives a 500 on the Urgent Action, signed-link and reminder pages."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from dashboard.services import reminders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["%00", "abc%00def", "a%20b", "%E2%98%83"])
def test_a_garbled_calendar_token_is_not_found(client, token):
    # PostgreSQL raised "A string literal cannot contain NUL" for /calendar/%00.ics.
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_real_calendar_token_still_opens_the_feed(client, role_user):
    feed = reminders.calendar_feed_reset(user=role_user(Role.SECTION_STAFF))
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 200


def test_a_nul_character_in_the_urgent_action_search_is_ignored(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    assert client.get(reverse("outreach:ua_list"), {"q": "UA\x00 12"}).status_code == 200
