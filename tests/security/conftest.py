import pytest
from django.test import Client

from tests.factories import ContactFactory
from tests.outreach import conftest as outreach_fixtures

# The same staff and coordinator users as the outreach tests.
staff = outreach_fixtures.staff
coordinator = outreach_fixtures.coordinator


def _client_for(user) -> Client:
    client = Client()  # one per user, so a test may hold several at once
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def defender(db):
    """A person at risk whose name, address and report text must never show to staff."""
    return ContactFactory(
        first_name="Selma", last_name="Hiddenname", email="selma@hidden.example", is_at_risk=True
    )
