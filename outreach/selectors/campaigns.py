"""Reads for a campaign's spectrum of allies."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from outreach.models import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition
from partnerships.models import Organisation
from partnerships.timeline import TimelineEntry, TimelineSource, day_start


@dataclass(frozen=True)
class SpectrumColumn:
    position: SpectrumPosition
    placements: list[SpectrumPlacement]

    @property
    def css_class(self) -> str:
        return f"spectrum-col-{self.position.name.lower().replace('_', '-')}"


def spectrum_columns(*, campaign: Campaign) -> list[SpectrumColumn]:
    """The five positions, from active ally to active opposition, with who stands where."""
    placements = list(
        SpectrumPlacement.objects.filter(campaign=campaign)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return [
        SpectrumColumn(position, [p for p in placements if p.position == position])
        for position in sorted(SpectrumPosition, reverse=True)
    ]


def spectrum_moves(*, campaign: Campaign, organisation=None):
    moves = SpectrumMove.objects.filter(campaign=campaign).select_related(
        "organisation", "moved_by"
    )
    return moves.filter(organisation=organisation) if organisation is not None else moves


def _move_entry(day, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    position, campaign, campaign_id, reason, moved_by = values[:5]
    return TimelineEntry(
        when=day_start(day),
        kind="spectrum",
        title=_("%(position)s in %(campaign)s")
        % {"position": SpectrumPosition(int(position)).label, "campaign": campaign},
        detail=reason,
        url=reverse("outreach:campaign_detail", kwargs={"pk": int(campaign_id)}),
        actor=moved_by or "",
    )


# The organisation timeline's source: its moves on every campaign's spectrum.
spectrum_timeline_entries = TimelineSource(
    rows=lambda organisation: SpectrumMove.objects.filter(organisation=organisation),
    when="moved_on",
    day=True,
    columns=["position", "campaign__name", "campaign_id", "reason", "moved_by__username"],
    entry=_move_entry,
)
