"""Sessions read from the cache, written through to the database (issue 15)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def session_queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in queries if "django_session" in q["sql"]]


def test_a_signed_in_page_reads_the_session_from_the_cache(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    url = reverse("dashboard:home")
    assert session_queries(client, url) == (200, [])


def test_a_session_the_cache_lost_is_read_from_the_database(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    cache.clear()
    status, reads = session_queries(client, reverse("dashboard:home"))
    assert status == 200 and len(reads) == 1
    assert session_queries(client, reverse("dashboard:home")) == (200, [])  # cached again


def test_signing_out_ends_the_session_in_the_cache_too(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    cookie = client.cookies["sessionid"].value
    assert client.post(reverse("logout")).status_code == 302
    client.cookies["sessionid"] = cookie  # the old cookie, replayed
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
