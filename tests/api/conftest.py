import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tokens import api_token_create

# A complete request, as a local group's form would send it.
REQUEST_DETAILS = {
    "purposes": ["new_audiences"],
    "methods": ["campaigning"],
    "activity_title": "Film night",
    "activity_description": "A documentary and a talk.",
    "activity_starts_on": "2027-03-01",
    "activity_place": "Utrecht",
    "expected_public": "About 40 students",
    "visibility": "co_branded",
    "partner_gains": "A wider audience",
    "partner_demands": "One evening",
}


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counts live in the cache; one test's requests must not throttle the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client_for(db):
    """An API client authenticated with a real token of the given user."""

    def make(user) -> APIClient:
        _token, key = api_token_create(user=user, name="tests")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR)


@pytest.fixture
def group_user(role_user):
    return role_user(Role.LOCAL_GROUP)


def pytest_terminal_summary(terminalreporter):
    from tests.api.test_schemathesis import OPERATIONS, SUMMARY

    if not SUMMARY:
        return
    terminalreporter.section("schemathesis: API calls by role and status")
    for (role, status), count in sorted(SUMMARY.items()):
        terminalreporter.write_line(f"{role:24} {status}  {count}")
    server_errors = sum(n for (_role, status), n in SUMMARY.items() if status >= 500)
    stateful = sum(n for (role, _status), n in SUMMARY.items() if role.startswith("stateful"))
    links = sum(n for (role, _status), n in SUMMARY.items() if role.startswith("links"))
    failed = len(terminalreporter.stats.get("failed", []))
    terminalreporter.write_line(
        f"{len(OPERATIONS)} operations fuzzed, {sum(SUMMARY.values())} calls ({stateful} in "
        f"stateful sequences, {links} following the links from valid writes), "
        f"{server_errors} server errors, {failed} failed tests "
        "(schema conformance checked on every response)"
    )
