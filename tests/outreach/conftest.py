import pytest

from accounts.roles import Role


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF, username="staff-member")


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR, username="coordinator-member")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def group_client(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    return client
