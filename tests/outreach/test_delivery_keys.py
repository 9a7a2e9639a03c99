"""Delivery.mailing has no foreign key in the database (the 100,000 freeze, issue 15):
the ORM must still take a mailing's deliveries with it, and the contact keeps its key."""

from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from accounts.roles import Role
from outreach.models import Contact, Delivery, Mailing, MailingKind, UrgentAction
from outreach.services import mailings as services
from tests.factories import ContactFactory, UrgentActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailing(role_user):
    ContactFactory.create_batch(3, occupation="lawyer")
    ua = UrgentActionFactory(approved=True)
    with mock.patch.object(services, "mailing_enqueue"):
        return services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind=MailingKind.ISSUED
        )


def test_deleting_a_mailing_deletes_its_deliveries(mailing):
    other = Delivery.objects.exclude(mailing=mailing).count()
    assert mailing.deliveries.count() == 3
    mailing.delete()
    assert Delivery.objects.count() == other


def test_an_urgent_action_with_a_mailing_is_not_deleted_from_under_it(mailing):
    with pytest.raises(ProtectedError):
        UrgentAction.objects.filter(pk=mailing.urgent_action_id).delete()
    assert Mailing.objects.filter(pk=mailing.pk).exists()
    assert mailing.deliveries.count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database's own keys")
def test_the_database_keeps_the_contact_key_only():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT confrelid::regclass::text FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [Delivery._meta.db_table],
        )
        referenced = {row[0] for row in cursor.fetchall()}
    assert referenced == {Contact._meta.db_table}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database's own keys")
def test_a_contact_under_a_delivery_cannot_vanish_beside_the_orm(mailing):
    contact_id = mailing.deliveries.values_list("contact_id", flat=True).first()
    table = Contact._meta.db_table
    with pytest.raises(IntegrityError) as refused, transaction.atomic(), connection.cursor() as sql:
        sql.execute("SET CONSTRAINTS ALL IMMEDIATE")
        sql.execute(f"DELETE FROM {table} WHERE id = %s", [contact_id])
    assert Delivery._meta.db_table in str(refused.value)
