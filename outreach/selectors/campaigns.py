"""Reads for a campaign's spectrum of allies."""

from dataclasses import dataclass

from outreach.models import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition


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
