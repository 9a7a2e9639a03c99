"""A user's roles and permissions are read in one query per request (issue 15)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.roles import Role, is_coordinator, is_section_staff, roles_of

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The same user as the next request loads it: no cached roles or permissions."""
    return User.objects.get(pk=user.pk)


def test_roles_then_permissions_cost_one_query(role_user):
    user = role_user(Role.SECTION_STAFF)
    user.user_permissions.add(Permission.objects.get(codename="view_at_risk_contact"))
    user = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert is_section_staff(user)
        assert not is_coordinator(user)
        assert user.has_perm("outreach.view_at_risk_contact")
        assert user.has_perm("partnerships.view_organisation")  # from the role's group
        assert not user.has_perm("partnerships.delete_organisation")
    assert len(queries) == 1


def test_permissions_then_roles_cost_one_query(role_user):
    user = fresh(role_user(Role.COORDINATOR))
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("partnerships.change_partnershiprequest")
        assert roles_of(user) == {Role.COORDINATOR}
    assert len(queries) == 1


def test_the_permissions_read_with_the_roles_are_django_s(role_user):
    user = role_user(Role.LOCAL_GROUP)
    user.user_permissions.add(Permission.objects.get(codename="view_at_risk_contact"))
    expected = fresh(user)
    # ModelBackend's own reading, without the roles' query before it.
    from django.contrib.auth.backends import ModelBackend

    django_permissions = ModelBackend().get_all_permissions(expected)
    ours = fresh(user)
    roles_of(ours)
    assert ours.get_all_permissions() == django_permissions
    assert ours.get_user_permissions() == {"outreach.view_at_risk_contact"}
    assert "outreach.view_at_risk_contact" not in ours.get_group_permissions()


def test_a_superuser_has_every_permission_and_no_role_group(role_user):
    from tests.factories import UserFactory

    user = fresh(UserFactory(is_superuser=True))
    assert roles_of(user) == set()
    assert user.has_perm("partnerships.delete_organisation")
    assert is_coordinator(user)


def test_an_inactive_user_has_no_permission(role_user):
    user = role_user(Role.COORDINATOR)
    User.objects.filter(pk=user.pk).update(is_active=False)
    user = fresh(user)
    assert not user.has_perm("partnerships.change_partnershiprequest")
    assert not is_coordinator(user)
