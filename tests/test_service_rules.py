"""Services check who calls them and set only the fields they name (issue 8)."""

from unittest import mock

import pytest

from accounts.errors import NotPermitted, NotPossible, ServiceRefused
from accounts.roles import Role
from outreach.models import Contact
from outreach.services import contacts as contact_services
from outreach.services.imports import import_apply
from partnerships.services import requests as request_services
from partnerships.services.requests import TransitionNotAllowed
from tests.factories import ContactFactory, PartnershipRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


def test_transition_not_allowed_is_a_service_refusal_and_a_role_refusal_a_permission_one(
    role_user,
):
    draft = PartnershipRequestFactory(status="draft")
    with pytest.raises(TransitionNotAllowed) as refused:
        request_services.partnership_request_submit(
            partnership_request=draft, user=role_user(Role.COORDINATOR)
        )
    assert isinstance(refused.value, ServiceRefused)
    assert isinstance(refused.value, NotPermitted)


def test_updating_a_request_cannot_set_its_status(role_user):
    group_user = role_user(Role.LOCAL_GROUP)
    draft = PartnershipRequestFactory(status="draft", local_group=group_user.local_group)
    with pytest.raises(TypeError):
        request_services.partnership_request_update(
            partnership_request=draft, user=group_user, details={"status": "approved"}
        )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_updating_a_request_saves_only_the_named_fields(role_user):
    group_user = role_user(Role.LOCAL_GROUP)
    draft = PartnershipRequestFactory(status="draft", local_group=group_user.local_group)
    type(draft).objects.filter(pk=draft.pk).update(activity_place="Changed elsewhere")
    request_services.partnership_request_update(
        partnership_request=draft, user=group_user, details={"activity_title": "New title"}
    )
    draft.refresh_from_db()
    assert (draft.activity_title, draft.activity_place) == ("New title", "Changed elsewhere")


def test_a_contact_form_cannot_set_consent_behind_the_consent_service(staff):
    contact = ContactFactory(mailing_consent=False, consent_given_at=None)
    with pytest.raises(TypeError):
        contact_services.contact_update(
            contact=contact, updated_by=staff, data={"mailing_consent": True}
        )
    contact.refresh_from_db()
    assert not contact.has_consent


def test_a_contact_is_owned_only_by_section_staff(staff, role_user):
    with pytest.raises(NotPossible):
        contact_services.contact_create(
            created_by=staff,
            data={
                "last_name": "Diallo",
                "email": "d@example.net",
                "owner": role_user(Role.LOCAL_GROUP),
            },
        )


def test_a_local_group_cannot_add_contacts(role_user):
    with pytest.raises(NotPermitted):
        contact_services.contact_create(
            created_by=role_user(Role.LOCAL_GROUP), data={"last_name": "X", "email": "x@y.org"}
        )


def test_the_import_decides_consent_through_the_consent_service(staff):
    data = b"last_name,email,mailing_consent,consent_source\nDiallo,d@example.net,yes,a form\n"
    with mock.patch(
        "outreach.resources.consent_decide", wraps=contact_services.consent_decide
    ) as decide:
        assert import_apply(kind="contacts", data=data, user=staff).applied
    assert decide.call_count >= 1
    assert Contact.objects.get(email="d@example.net").has_consent


def test_a_local_group_cannot_import(role_user):
    with pytest.raises(NotPermitted):
        import_apply(
            kind="contacts", data=b"last_name,email\nA,a@b.org\n", user=role_user(Role.LOCAL_GROUP)
        )


def test_an_approach_form_cannot_set_who_created_it(staff, role_user):
    from outreach.services.approaches import approach_create

    with pytest.raises(TypeError):
        approach_create(
            created_by=staff,
            data={"ask": "Help", "organisation": None, "created_by": role_user(Role.COORDINATOR)},
        )


def test_an_api_answers_each_kind_of_refusal_with_its_status():
    from accounts.errors import refusal_status
    from partnerships.services.requests import RequestNotPermitted

    assert refusal_status(NotPermitted("Only coordinators.")) == 403
    assert refusal_status(RequestNotPermitted("Only coordinators.")) == 403
    assert refusal_status(NotPossible("Not a draft.")) == 400
    assert refusal_status(TransitionNotAllowed("Already declined.")) == 409
