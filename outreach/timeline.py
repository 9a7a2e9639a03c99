"""Approaches on the organisation timeline (registered in OutreachConfig.ready())."""

from django.utils.translation import gettext as _

from config.reversing import reverse_id
from partnerships.models import Organisation
from partnerships.timeline import (
    TimelineEntry,
    TimelineSource,
    choice_label,
    day_start,
    latest_per_organisation,
)

from .models import Approach, SpectrumMove


def _approach_entry(day, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    ask, first_name, last_name, has_contact, outcome, created_by = values[:6]
    contact = f"{first_name} {last_name}".strip()  # Contact.__str__
    return TimelineEntry(
        when=day_start(day),
        kind="approach",
        title=_("Approach: %(ask)s") % {"ask": ask[:80]},
        detail=f"{contact if has_contact else organisation} · "
        f"{choice_label(Approach, 'outcome', outcome)}",
        url=reverse_id("outreach:approach_detail", pk),
        actor=created_by or "",
    )


# Approaches to people at risk stay off: the timeline is not permission-aware.
approach_entries = TimelineSource(
    # As for a user who may not see people at risk.
    rows=lambda organisation: Approach.objects.visible_to(None).filter(organisation=organisation),
    when="approached_on",
    day=True,
    columns=[
        "ask",
        "contact__first_name",
        "contact__last_name",
        "contact_id",
        "outcome",
        "created_by__username",
    ],  # fmt: skip
    entry=_approach_entry,
)


def approaches_latest(ids: list[int]):
    """The latest approach to each organisation (one query), as the timeline dates it."""
    return latest_per_organisation(
        Approach.objects.visible_to(None),
        organisation="organisation",
        when="approached_on",
        ids=ids,
    )


def spectrum_moves_latest(ids: list[int]):
    return latest_per_organisation(
        SpectrumMove.objects.all(), organisation="organisation", when="moved_on", ids=ids
    )
