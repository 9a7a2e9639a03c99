"""Timeline providers for coalition memberships, joint statements and support requests.

Each provider runs one query, whatever the number of records.
"""

from django.db.models import DateTimeField
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from .models import CoalitionMembership, Organisation, StatementAgreement, SupportRequest
from .timeline import TimelineEntry, day_start, latest_per_organisation

_at = day_start


def coalition_memberships(organisation: Organisation) -> list[TimelineEntry]:
    entries = []
    for m in CoalitionMembership.objects.filter(organisation=organisation).select_related(
        "coalition"
    ):
        url = reverse("partnerships:coalition_detail", args=[m.coalition_id])
        entries.append(
            TimelineEntry(
                _at(m.joined_on), "coalition", f"Joined {m.coalition}", m.get_role_display(), url
            )
        )
        if m.left_on:
            entries.append(
                TimelineEntry(_at(m.left_on), "coalition", f"Left {m.coalition}", "", url)
            )
    return entries


def statement_agreements(organisation: Organisation) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            _at(a.agreed_on),
            "statement",
            f"Agreed to the joint statement “{a.statement}”",
            str(a.statement.coalition),
            reverse("partnerships:statement_detail", args=[a.statement_id]),
            str(a.recorded_by),
        )
        for a in StatementAgreement.objects.filter(organisation=organisation).select_related(
            "statement__coalition", "recorded_by"
        )
    ]


def support_requests(organisation: Organisation) -> list[TimelineEntry]:
    entries = []
    for r in SupportRequest.objects.filter(organisation=organisation).select_related("decided_by"):
        url = reverse("partnerships:support_detail", args=[r.pk])
        entries.append(
            TimelineEntry(
                _at(r.received_on),
                "support request",
                f"Asked for support: {r.subject}",
                r.requested_by,
                url,
            )
        )
        if r.decided_at:
            entries.append(
                TimelineEntry(
                    r.decided_at, "support decision", f"Support request: {r.get_decision_display()}",
                    r.reply, url, str(r.decided_by or ""),
                )
            )  # fmt: skip
    return entries


PROVIDERS = [coalition_memberships, statement_agreements, support_requests]


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
