"""Timeline sources for coalition memberships, joint statements and support requests.

Read with every other source in the timeline's one query.
"""

from datetime import date, datetime

from django.db.models import DateTimeField
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import CoalitionMembership, Organisation, StatementAgreement, SupportRequest
from .timeline import (
    TimelineEntry,
    TimelineSource,
    choice_label,
    day_start,
    latest_per_organisation,
    timeline_of,
)


def _coalition_url(pk: int) -> str:
    return reverse("partnerships:coalition_detail", args=[pk])


def _joined(day: date, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    name, role, coalition = values[:3]
    return TimelineEntry(
        day_start(day), "coalition", _("Joined %(coalition)s") % {"coalition": name},
        choice_label(CoalitionMembership, "role", role), _coalition_url(int(coalition)),
    )  # fmt: skip


def _left(day: date, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    name, coalition = values[:2]
    return TimelineEntry(
        day_start(day),
        "coalition",
        _("Left %(coalition)s") % {"coalition": name},
        "",
        _coalition_url(int(coalition)),
    )


coalition_joins = TimelineSource(
    rows=lambda organisation: CoalitionMembership.objects.filter(organisation=organisation),
    when="joined_on",
    day=True,
    columns=["coalition__name", "role", "coalition_id"],
    entry=_joined,
)
coalition_departures = TimelineSource(
    rows=lambda organisation: CoalitionMembership.objects.filter(
        organisation=organisation, left_on__isnull=False
    ),
    when="left_on",
    day=True,
    columns=["coalition__name", "coalition_id"],
    entry=_left,
)


def _agreed(day: date, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    title, coalition, statement, recorded_by = values[:4]
    return TimelineEntry(
        day_start(day), "statement", _("Agreed to the joint statement “%(title)s”") % {"title": title}, coalition,
        reverse("partnerships:statement_detail", args=[int(statement)]), recorded_by,
    )  # fmt: skip


statement_agreements = TimelineSource(
    rows=lambda organisation: StatementAgreement.objects.filter(organisation=organisation),
    when="agreed_on",
    day=True,
    columns=[
        "statement__title",
        "statement__coalition__name",
        "statement_id",
        "recorded_by__username",
    ],  # fmt: skip
    entry=_agreed,
)


def _support_url(pk: int) -> str:
    return reverse("partnerships:support_detail", args=[pk])


def _asked(day: date, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    subject, requested_by = values[:2]
    return TimelineEntry(
        day_start(day), "support request", _("Asked for support: %(subject)s") % {"subject": subject}, requested_by,
        _support_url(pk),
    )  # fmt: skip


def _decided(when: datetime, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    decision, reply, decided_by = values[:3]
    return TimelineEntry(
        when, "support decision",
        _("Support request: %(decision)s")
        % {"decision": choice_label(SupportRequest, "decision", decision)}, reply,
        _support_url(pk), decided_by or "",
    )  # fmt: skip


support_received = TimelineSource(
    rows=lambda organisation: SupportRequest.objects.filter(organisation=organisation),
    when="received_on",
    day=True,
    columns=["subject", "requested_by"],
    entry=_asked,
)
support_decided = TimelineSource(
    rows=lambda organisation: SupportRequest.objects.filter(
        organisation=organisation, decided_at__isnull=False
    ),
    when="decided_at",
    columns=["decision", "reply", "decided_by__username"],
    entry=_decided,
)


def coalition_memberships(organisation: Organisation) -> list[TimelineEntry]:
    return timeline_of(organisation, [coalition_joins, coalition_departures])


def support_requests(organisation: Organisation) -> list[TimelineEntry]:
    return timeline_of(organisation, [support_received, support_decided])


PROVIDERS = [
    coalition_joins,
    coalition_departures,
    statement_agreements,
    support_received,
    support_decided,
]


# The same records' latest dates for many organisations at once (one query each).
def memberships_latest(ids: list[int]):
    return latest_per_organisation(
        CoalitionMembership.objects.all(),
        organisation="organisation",
        when=Cast(Coalesce("left_on", "joined_on"), DateTimeField()),
        ids=ids,
    )


def agreements_latest(ids: list[int]):
    return latest_per_organisation(
        StatementAgreement.objects.all(), organisation="organisation", when="agreed_on", ids=ids
    )


def support_received_latest(ids: list[int]):
    return latest_per_organisation(
        SupportRequest.objects.all(), organisation="organisation", when="received_on", ids=ids
    )


def support_decided_latest(ids: list[int]):
    return latest_per_organisation(
        SupportRequest.objects.all(), organisation="organisation", when="decided_at", ids=ids
    )


LAST_ACTIVITY_PROVIDERS = [
    memberships_latest,
    agreements_latest,
    support_received_latest,
    support_decided_latest,
]
