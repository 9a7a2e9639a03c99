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


# --- Kept between requests, and never older than a change ---------------------------------


def test_the_next_request_reads_roles_and_permissions_from_the_cache(role_user):
    user = role_user(Role.COORDINATOR)
    roles_of(fresh(user))  # the first request reads and keeps them
    again = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert roles_of(again) == {Role.COORDINATOR}
        assert again.has_perm("partnerships.change_partnershiprequest")
    assert len(queries) == 0


def test_a_role_withdrawn_is_gone_at_the_next_request(role_user):
    from django.contrib.auth.models import Group

    user = role_user(Role.COORDINATOR)
    assert is_coordinator(fresh(user))
    user.groups.remove(Group.objects.get(name=Role.COORDINATOR))
    assert not is_coordinator(fresh(user))


def test_a_role_granted_from_the_group_side_shows_at_the_next_request(role_user):
    from django.contrib.auth.models import Group

    user = role_user(Role.SECTION_STAFF)
    assert not is_coordinator(fresh(user))
    Group.objects.get(name=Role.COORDINATOR).user_set.add(user)
    assert is_coordinator(fresh(user))


def test_a_permission_taken_from_a_group_is_gone_at_the_next_request(role_user):
    from django.contrib.auth.models import Group

    user = role_user(Role.SECTION_STAFF)
    assert fresh(user).has_perm("partnerships.view_organisation")
    Group.objects.get(name=Role.SECTION_STAFF).permissions.remove(
        Permission.objects.get(codename="view_organisation")
    )
    assert not fresh(user).has_perm("partnerships.view_organisation")


def test_a_users_own_permission_granted_shows_at_the_next_request(role_user):
    user = role_user(Role.SECTION_STAFF)
    assert not fresh(user).has_perm("outreach.view_at_risk_contact")
    user.user_permissions.add(Permission.objects.get(codename="view_at_risk_contact"))
    assert fresh(user).has_perm("outreach.view_at_risk_contact")


def test_a_deleted_group_takes_its_role_at_the_next_request(role_user):
    from django.contrib.auth.models import Group

    user = role_user(Role.COORDINATOR)
    assert is_coordinator(fresh(user))
    Group.objects.filter(name=Role.COORDINATOR).delete()  # the membership rows go with it
    assert not is_coordinator(fresh(user))


def test_what_another_request_kept_before_the_commit_is_not_served_after_it(
    role_user, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    from accounts.roles import ACCESS_GENERATION_KEY, _access_key

    user = role_user(Role.COORDINATOR)
    assert is_coordinator(fresh(user))
    with django_capture_on_commit_callbacks(execute=True):
        user.groups.remove(Group.objects.get(name=Role.COORDINATOR))
        # Another process, reading before this commit, still saw the coordinator and
        # kept that under the generation the change had just started.
        generation = cache.get(ACCESS_GENERATION_KEY)
        stale = ((Role.COORDINATOR.value,), (), ())
        cache.set(_access_key(user), (generation, stale), 300)
    assert not is_coordinator(fresh(user))


def test_an_evicted_generation_never_revives_an_old_entry(role_user):
    from django.core.cache import cache

    from accounts.roles import ACCESS_GENERATION_KEY

    user = role_user(Role.COORDINATOR)
    assert is_coordinator(fresh(user))  # kept under the current generation
    generation = cache.get(ACCESS_GENERATION_KEY)
    # The role goes by a path without signals, and the cache loses the generation.
    User.groups.through.objects.filter(user=user).delete()
    cache.delete(ACCESS_GENERATION_KEY)
    assert not is_coordinator(fresh(user))
    assert cache.get(ACCESS_GENERATION_KEY) not in (None, generation)
