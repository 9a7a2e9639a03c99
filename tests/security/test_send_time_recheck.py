"""The audience is frozen when a mailing is recorded; each batch asks `mailable()` again,
so nobody who stopped being mailable since then is mailed by a later batch."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from outreach.models import ContactStatus, Delivery, DeliveryStatus
from outreach.services import mailings as services
from tests.factories import ContactFactory, UrgentActionFactory

pytestmark = pytest.mark.django_db

CHANGES = {
    "withdrew consent": {"mailing_consent": False, "consent_withdrawn_at": timezone.now()},
    "unsubscribed": {"status": ContactStatus.UNSUBSCRIBED},
    "bounced": {"status": ContactStatus.BOUNCED},
    "marked at risk": {"is_at_risk": True},
}


@pytest.fixture
def frozen_mailing(role_user):
    """A mailing to three lawyers, recorded (audience frozen) but not sent yet."""
    contacts = [ContactFactory(occupation="lawyer") for _ in range(3)]
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(services, "mailing_enqueue"):
        mailing = services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind="issued"
        )
    assert mailing.deliveries.count() == 3
    return mailing, contacts


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_contact_no_longer_mailable_is_not_mailed_by_a_later_batch(
    frozen_mailing, change, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mailing, (first, second, third) = frozen_mailing
    services.mailing_send_batch(mailing_id=mailing.pk, limit=1)  # the first goes out
    type(second).objects.filter(pk=second.pk).update(**CHANGES[change])
    result = services.mailing_send_batch(mailing_id=mailing.pk, limit=5)
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients == [first.email, third.email]
    assert result.failed == 1 and result.sent == 1
    withheld = Delivery.objects.get(mailing=mailing, contact=second)
    assert withheld.status == DeliveryStatus.FAILED
    assert "not sent" in withheld.smtp_reply


def test_the_recheck_costs_no_query_per_recipient(
    frozen_mailing, settings, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mailing, contacts = frozen_mailing
    type(contacts[0]).objects.filter(pk=contacts[0].pk).update(is_at_risk=True)
    with django_assert_max_num_queries(16):  # whatever the batch size (PostgreSQL: +1 SET)
        services.mailing_send_batch(mailing_id=mailing.pk, limit=5)
    assert len(mail.outbox) == 2


def test_unsubscribe_by_staff_fails_queued_deliveries_like_the_link(frozen_mailing, client):
    mailing, (contact, *_) = frozen_mailing
    client.force_login(
        type(mailing.created_by).objects.get(pk=mailing.created_by_id)
    )  # section staff
    response = client.post(reverse("outreach:contact_unsubscribe", args=[contact.pk]))
    assert response.status_code == 302
    delivery = Delivery.objects.get(mailing=mailing, contact=contact)
    assert delivery.status == DeliveryStatus.FAILED
    assert "unsubscribed" in delivery.smtp_reply
