"""accounts.roles is the one home of every role rule: predicates, views, admin, selector."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import (
    Role,
    is_coordinator,
    is_local_group,
    is_section_staff,
    may_decide,
    staff_required,
    staff_users,
)
from tests.factories import PartnershipRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_coordinators_are_section_staff_and_local_groups_are_not(role_user):
    assert is_section_staff(role_user(Role.COORDINATOR))
    assert is_section_staff(role_user(Role.SECTION_STAFF))
    assert not is_section_staff(role_user(Role.LOCAL_GROUP))
    assert not is_coordinator(role_user(Role.SECTION_STAFF))


def test_a_superuser_is_staff_and_coordinator_but_never_a_local_group():
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert is_section_staff(admin) and is_coordinator(admin) and may_decide(admin)
    assert not is_local_group(admin)


def test_staff_users_are_exactly_the_users_the_predicate_calls_staff(role_user):
    staff, coordinator = role_user(Role.SECTION_STAFF), role_user(Role.COORDINATOR)
    superuser = UserFactory(is_superuser=True)
    role_user(Role.LOCAL_GROUP)
    UserFactory(is_staff=True)  # the admin flag alone is no role
    role_user(Role.SECTION_STAFF, is_active=False)
    listed = set(staff_users())
    assert listed == {staff, coordinator, superuser}
    assert all(is_section_staff(user) for user in listed)


def test_the_decorator_keeps_the_view_name_and_refuses_others(rf, role_user):
    @staff_required
    def page(request):
        """A page."""
        return "ok"

    assert page.__name__ == "page" and page.__doc__ == "A page."
    request = rf.get("/")
    request.user = role_user(Role.LOCAL_GROUP)
    with pytest.raises(PermissionDenied):
        page(request)


def test_the_admin_change_permission_does_not_let_staff_decide(client, role_user):
    """A staff user given "change partnership request" by hand still cannot decide."""
    staff = role_user(Role.SECTION_STAFF)
    staff.user_permissions.add(Permission.objects.get(codename="change_partnershiprequest"))
    request = PartnershipRequestFactory(status="in_review")
    client.force_login(staff)
    url = reverse("admin:partnerships_partnershiprequest_decide", args=[request.pk, "decline"])
    assert client.get(url).status_code == 403
    change = client.get(reverse("admin:partnerships_partnershiprequest_change", args=[request.pk]))
    assert "Decline" not in [label for label, _ in change.context["decision_links"]]


def test_no_module_spells_a_role_rule_of_its_own():
    # Every role check asks accounts.roles: no group-name query elsewhere, and no
    # "staff or coordinator" (a coordinator is staff: is_section_staff says so once).
    import re
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    spelled = re.compile(r"groups__name|is_section_staff\([^()]*\) or is_coordinator\(")
    offenders = [
        str(path.relative_to(root))
        for app in ("accounts", "config", "dashboard", "demo", "evaluation", "outreach", "partnerships", "risk")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        and path != root / "accounts" / "roles.py"
        and spelled.search(path.read_text())
    ]  # fmt: skip
    assert offenders == []
