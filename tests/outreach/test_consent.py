import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from outreach.models import Contact, ContactStatus
from outreach.services.contacts import (
    contact_create,
    contact_give_consent,
    contact_mark_bounced,
    contact_unsubscribe,
    contact_update,
    contact_withdraw_consent,
)
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def no_consent(**kwargs) -> Contact:
    return ContactFactory(mailing_consent=False, consent_given_at=None, consent_source="", **kwargs)


def test_contact_without_consent_is_never_mailable():
    contact = no_consent()
    assert contact not in Contact.objects.mailable()
    assert contact not in Contact.objects.mailable(include_at_risk=True)


def test_giving_consent_records_date_and_source_and_makes_contact_mailable():
    contact = no_consent()
    contact_give_consent(contact=contact, source="signed up at the 10 December event")
    contact.refresh_from_db()
    assert contact.consent_given_at is not None
    assert contact.consent_source == "signed up at the 10 December event"
    assert contact in Contact.objects.mailable()


def test_consent_without_a_source_is_rejected():
    contact = no_consent()
    with pytest.raises(ValidationError, match="where the consent comes from"):
        contact_give_consent(contact=contact, source="  ")
    contact.refresh_from_db()
    assert not contact.mailing_consent


def test_withdrawn_consent_stops_mailings_and_keeps_the_original_record():
    contact = ContactFactory()
    contact_withdraw_consent(contact=contact)
    contact.refresh_from_db()
    assert contact not in Contact.objects.mailable()
    assert contact.consent_withdrawn_at is not None
    assert contact.consent_source == "signed up at an event"


def test_withdrawing_consent_that_was_never_given_is_a_clear_error():
    with pytest.raises(ValidationError, match="no(ne)? to withdraw"):
        contact_withdraw_consent(contact=no_consent())


def test_unsubscribe_withdraws_consent_and_sets_the_status():
    contact = ContactFactory()
    contact_unsubscribe(contact=contact)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.UNSUBSCRIBED
    assert not contact.has_consent
    assert contact not in Contact.objects.mailable()


def test_fresh_consent_after_unsubscribing_makes_the_contact_active_again():
    contact = ContactFactory()
    contact_unsubscribe(contact=contact)
    contact_give_consent(contact=contact, source="asked to be added again by e-mail")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACTIVE
    assert contact in Contact.objects.mailable()


def test_bounced_address_is_not_mailed_until_the_address_changes(staff):
    contact = ContactFactory()
    contact_mark_bounced(contact=contact)
    assert contact not in Contact.objects.mailable()
    contact_give_consent(contact=contact, source="again")
    assert contact not in Contact.objects.mailable()
    contact_update(contact=contact, updated_by=staff, data={"email": "new@example.net"})
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACTIVE
    assert contact in Contact.objects.mailable()


def test_contact_at_risk_is_mailed_only_when_explicitly_included():
    contact = ContactFactory(is_at_risk=True)
    assert contact not in Contact.objects.mailable()
    assert contact in Contact.objects.mailable(include_at_risk=True)


def test_database_refuses_consent_without_a_date():
    with pytest.raises(IntegrityError):
        ContactFactory(mailing_consent=True, consent_given_at=None)


def test_contact_created_with_a_consent_source_has_consent(staff):
    contact = contact_create(
        created_by=staff,
        data={"last_name": "Diallo", "email": "d@example.net"},
        consent_source="form at the festival",
    )
    assert contact.has_consent
    assert contact.owner == staff
    assert contact in Contact.objects.mailable()


def test_contact_created_without_a_consent_source_has_none(staff):
    contact = contact_create(created_by=staff, data={"last_name": "Evers", "email": "e@x.net"})
    assert not contact.has_consent


def test_consent_pages_record_withdraw_unsubscribe_and_bounce(staff_client):
    contact = no_consent()
    staff_client.post(f"/outreach/contacts/{contact.pk}/consent/", {"source": "phone call"})
    contact.refresh_from_db()
    assert contact.has_consent
    staff_client.post(f"/outreach/contacts/{contact.pk}/consent/withdraw/")
    contact.refresh_from_db()
    assert not contact.has_consent
    response = staff_client.post(f"/outreach/contacts/{contact.pk}/consent/withdraw/", follow=True)
    assert "no consent to withdraw" in response.content.decode() or "none to withdraw" in (
        response.content.decode()
    )
    staff_client.post(f"/outreach/contacts/{contact.pk}/bounced/")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.BOUNCED


def test_two_contacts_never_share_an_email_whatever_its_case():
    ContactFactory(email="ana@example.org")
    with pytest.raises(IntegrityError):
        ContactFactory(email="ANA@example.org")


@pytest.mark.parametrize("given", [True, False])
@pytest.mark.parametrize("withdrawn", [True, False])
def test_has_consent_and_the_queryset_read_one_condition(given, withdrawn):
    # Every combination the fields allow: the row's property and the SQL filters agree.
    now = timezone.now()
    contact = ContactFactory(
        mailing_consent=given,
        consent_given_at=now,
        consent_withdrawn_at=now if withdrawn else None,
    )
    in_sql = Contact.objects.with_consent().filter(pk=contact.pk).exists()
    assert contact.has_consent is in_sql is (given and not withdrawn)
    assert Contact.objects.without_consent().filter(pk=contact.pk).exists() is not in_sql
