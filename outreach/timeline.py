"""Approaches on the organisation timeline (registered in OutreachConfig.ready())."""

from partnerships.models import Organisation
from partnerships.timeline import TimelineEntry, day_start, latest_per_organisation

from .models import Approach, SpectrumMove


def approach_entries(organisation: Organisation) -> list[TimelineEntry]:
    """One query. Approaches to people at risk stay off: the timeline is not permission-aware."""
    approaches = (
        Approach.objects.visible_to(None)  # as for a user who may not see people at risk
        .filter(organisation=organisation)
        .select_related("contact", "created_by")
    )
    return [
        TimelineEntry(
            when=day_start(approach.approached_on),
            kind="approach",
            title=f"Approach: {approach.ask[:80]}",
            detail=f"{approach.contact or organisation} · {approach.get_outcome_display()}",
            url=approach.get_absolute_url(),
            actor=str(approach.created_by or ""),
        )
        for approach in approaches
    ]


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
