"""config.queries.reusable_sql: a query compiled once and run for any object, only when
its SQL depends on nothing but the object's id."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config import queries
from config.queries import reusable_sql
from partnerships import timeline
from partnerships.models import Organisation, PartnershipRequest
from tests.factories import (
    ApproachFactory,
    CoalitionMembershipFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _requests_of(organisation):
    return (
        PartnershipRequest.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", "activity_title", "created_at")
    )


def test_the_sql_runs_for_any_organisation_with_the_orms_values():
    first, second = OrganisationFactory(), OrganisationFactory()
    PartnershipRequestFactory.create_batch(2, organisation=first)
    PartnershipRequestFactory(organisation=second)
    reusable = reusable_sql(Organisation, _requests_of)
    assert reusable is not None
    for organisation in (first, second, first):
        rows = [tuple(row) for row in reusable.rows(organisation.pk)]
        assert rows == list(_requests_of(organisation))
    # Columns come back as the ORM gives them (SQLite's text dates are converted too).
    assert isinstance(rows[0][2], datetime.datetime) and timezone.is_aware(rows[0][2])


def test_a_build_that_reads_another_field_is_not_reused():
    def by_name(organisation):
        return Organisation.objects.filter(name=organisation.name)

    assert reusable_sql(Organisation, by_name) is None


def test_a_build_that_asks_the_database_is_not_reused():
    def by_a_read(organisation):
        ids = list(PartnershipRequest.objects.filter(organisation=organisation).values_list("pk"))
        return PartnershipRequest.objects.filter(pk__in=ids)

    assert reusable_sql(Organisation, by_a_read) is None


def test_a_parameter_that_differs_otherwise_is_not_reused():
    calls = iter(["one title", "another title"])

    def drifting(organisation):
        return PartnershipRequest.objects.filter(
            organisation=organisation, activity_title=next(calls)
        )

    assert reusable_sql(Organisation, drifting) is None


def test_every_registered_timeline_source_compiles_once():
    # A source whose rows depend on more than the id would leave the organisation
    # page building its UNION on every request (about 30 ms at the bench): noticed here.
    timeline._reusable.clear()
    timeline.timeline_for(OrganisationFactory(), limit=26)
    assert list(timeline._reusable.values()) != [None]


def test_the_timeline_from_reused_sql_is_each_organisations_own():
    busy, quiet = OrganisationFactory(), OrganisationFactory()
    CoalitionMembershipFactory.create_batch(30, organisation=busy)
    SupportRequestFactory.create_batch(3, organisation=busy)
    ApproachFactory.create_batch(2, organisation=quiet)
    timeline._reusable.clear()
    pages = {org: timeline.timeline_for(org, limit=26) for org in (busy, quiet, busy)}
    assert {entry.kind for entry in pages[quiet]} == {"approach"} and len(pages[quiet]) == 2
    assert len(pages[busy]) == 26
    timeline._reusable.clear()
    timeline.REUSABLE_MAX, kept = 0, timeline.REUSABLE_MAX  # built every time
    try:
        for org in (busy, quiet):
            assert timeline.timeline_for(org, limit=26) == pages[org]
    finally:
        timeline.REUSABLE_MAX = kept


def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


@postgresql_only
def test_on_postgresql_the_sql_is_prepared_once_per_connection_and_counted_alike():
    first, second = OrganisationFactory(), OrganisationFactory()
    PartnershipRequestFactory(organisation=second)
    with connection.cursor() as cursor:  # whatever earlier tests prepared
        cursor.execute("DEALLOCATE ALL")
    queries._prepared.clear()
    reusable = reusable_sql(Organisation, _requests_of)
    assert reusable.name not in _prepared_names()
    logs = []
    for organisation in (first, second):
        with CaptureQueriesContext(connection) as ran:
            rows = reusable.rows(organisation.pk)
        logs.append([query["sql"] for query in ran.captured_queries])
        assert [tuple(row) for row in rows] == list(_requests_of(organisation))
    # One EXECUTE each time, whether or not this connection had prepared the statement.
    assert logs == [[f"EXECUTE {reusable.name}({org.pk})"] for org in (first, second)]
    assert reusable.name in _prepared_names()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_the_sql_again():
    organisation = OrganisationFactory()
    PartnershipRequestFactory(organisation=organisation)
    reusable = reusable_sql(Organisation, _requests_of)
    assert len(reusable.rows(organisation.pk)) == 1
    connection.close()  # as CONN_MAX_AGE or a broken connection would
    assert reusable.name not in _prepared_names()
    assert len(reusable.rows(organisation.pk)) == 1
