import pytest

from accounts.roles import Role


@pytest.fixture
def staff_client(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    return client


@pytest.fixture
def group_client(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    return client
