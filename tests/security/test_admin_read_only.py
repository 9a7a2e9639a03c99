"""Section staff have the admin read-only (README, "Roles"): no add, change or delete on
any registered model, no editable inline and no action. Walks the whole registry, so a
model registered later is covered without a new test."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from partnerships.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _admins():
    for model, model_admin in admin.site._registry.items():
        yield model_admin
        for inline_class in model_admin.inlines:
            yield inline_class(model, admin.site)


def test_no_admin_or_inline_lets_section_staff_write(staff):
    request = _request(staff)
    writable = []
    for model_admin in _admins():
        if isinstance(model_admin, admin.options.InlineModelAdmin):
            can_add = model_admin.has_add_permission(request, None)
        else:
            can_add = model_admin.has_add_permission(request)
            # An action runs from the changelist only: unreachable without view permission.
            viewable = model_admin.has_view_or_change_permission(request)
            if viewable and model_admin.get_actions(request):
                writable.append(f"{model_admin}: actions")
        if can_add:
            writable.append(f"{model_admin}: add")
        if model_admin.has_change_permission(request, None):
            writable.append(f"{model_admin}: change")
        if model_admin.has_delete_permission(request, None):
            writable.append(f"{model_admin}: delete")
    assert writable == []


def test_coordinators_keep_their_admin_rights(coordinator):
    request = _request(coordinator)
    assert admin.site._registry[Organisation].has_change_permission(request)
    assert admin.site._registry[Organisation].has_add_permission(request)


def test_a_staff_post_to_an_admin_change_page_changes_nothing(staff_client, coordinator_client):
    organisation = OrganisationFactory(name="Before")
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    data = {"name": "After", "kind": "human_rights", "scope": "national", "country": "NL"}
    response = staff_client.post(url, data)
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Before"
    add = staff_client.post(reverse("admin:partnerships_organisation_add"), data)
    assert add.status_code == 403
    assert Organisation.objects.count() == 1


def test_a_staff_admin_action_with_selected_rows_deletes_nothing(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        reverse("admin:partnerships_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": [organisation.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
