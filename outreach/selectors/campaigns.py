"""Reads for a campaign's spectrum of allies."""

from dataclasses import dataclass

from outreach.models import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition
from partnerships.models import Organisation
from partnerships.timeline import TimelineEntry, day_start


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


def spectrum_timeline_entries(organisation: Organisation) -> list[TimelineEntry]:
    """The organisation timeline's provider: its moves on every campaign's spectrum (one query)."""
    moves = SpectrumMove.objects.filter(organisation=organisation).select_related(
        "campaign", "moved_by"
    )
    return [
        TimelineEntry(
            when=day_start(move.moved_on),
            kind="spectrum",
            title=f"{move.get_position_display()} in {move.campaign}",
            detail=move.reason,
            url=move.campaign.get_absolute_url(),
            actor=str(move.moved_by or ""),
        )
        for move in moves
    ]
