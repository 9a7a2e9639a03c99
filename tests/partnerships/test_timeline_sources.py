"""The organisation timeline: every app's source read in one query, cut in the database."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.roles import Role
from partnerships import timeline
from partnerships.timeline import timeline_for
from risk.models import RiskAssessment
from tests.factories import (
    ApproachFactory,
    CoalitionMembershipFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


def busy_organisation(staff, approaches: int):
    organisation = OrganisationFactory(name="Busy Org")
    CoalitionMembershipFactory(
        organisation=organisation,
        joined_on=datetime.date(2025, 1, 10),
        left_on=datetime.date(2025, 6, 1),
    )
    SupportRequestFactory(organisation=organisation, received_on=datetime.date(2025, 2, 1))
    PartnershipRequestFactory(
        organisation=organisation,
        status="submitted",
        submitted_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
    )
    RiskAssessment.objects.create(
        organisation=organisation, assessor=staff, assessed_on=datetime.date(2025, 4, 1)
    )
    for n in range(approaches):
        ApproachFactory(organisation=organisation, approached_on=datetime.date(2024, 1, 1 + n))
    return organisation


@pytest.mark.parametrize("approaches", [1, 12])
def test_the_whole_timeline_is_one_query(role_user, approaches):
    organisation = busy_organisation(role_user(Role.SECTION_STAFF), approaches)
    with CaptureQueriesContext(connection) as queries:
        entries = timeline_for(organisation)
    assert len(queries) == 1
    kinds = {entry.kind for entry in entries}
    assert {"coalition", "support request", "request", "risk", "approach"} <= kinds
    assert sum(entry.kind == "approach" for entry in entries) == approaches


def test_the_timeline_is_every_source_alone_newest_first(role_user):
    organisation = busy_organisation(role_user(Role.SECTION_STAFF), 5)
    alone = [entry for source in timeline._sources for entry in source(organisation)]
    together = timeline_for(organisation)
    assert sorted(together, key=repr) == sorted(alone, key=repr)
    assert [e.when for e in together] == sorted((e.when for e in together), reverse=True)


def test_a_limit_keeps_the_newest_entries(role_user):
    organisation = busy_organisation(role_user(Role.SECTION_STAFF), 8)
    everything = timeline_for(organisation)
    newest = timeline_for(organisation, limit=3)
    assert len(everything) > 3
    assert newest == everything[:3]


def test_dated_entries_start_their_day_in_local_time(role_user):
    organisation = busy_organisation(role_user(Role.SECTION_STAFF), 1)
    [approach] = [e for e in timeline_for(organisation) if e.kind == "approach"]
    assert approach.when == timeline.day_start(datetime.date(2024, 1, 1))


def test_entries_read_in_the_readers_language(role_user):
    organisation = busy_organisation(role_user(Role.SECTION_STAFF), 1)
    with translation.override("fr"):
        [approach] = [e for e in timeline_for(organisation) if e.kind == "approach"]
        assert approach.kind_label == "démarche"
        assert approach.title.startswith("Démarche : ")


def test_choice_labels_are_remembered_per_language():
    from django.utils import translation

    from partnerships.models import Organisation
    from partnerships.timeline import choice_label

    with translation.override("fr"):
        assert choice_label(Organisation, "kind", "media") == "Médias"
    with translation.override("en"):
        assert choice_label(Organisation, "kind", "media") == "Media"
    with translation.override("fr"):
        assert choice_label(Organisation, "kind", "media") == "Médias"
    assert choice_label(Organisation, "kind", "no-such-kind") == "no-such-kind"
