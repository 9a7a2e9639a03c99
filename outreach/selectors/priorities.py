"""Reads for the priorities page: each sector's latest scores and its history."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from outreach import scoring
from outreach.models import Sector, SectorAssessment


@dataclass(frozen=True)
class SectorPriority:
    sector: Sector
    history: list[SectorAssessment] = field(default_factory=list)  # newest first

    @property
    def latest(self) -> SectorAssessment | None:
        return self.history[0] if self.history else None

    @property
    def domestic(self) -> float | None:
        return self.latest.domestic_score if self.latest else None

    @property
    def international(self) -> float | None:
        return self.latest.international_score if self.latest else None

    @property
    def is_priority(self) -> bool:
        return bool(self.latest) and self.latest.is_priority

    def rank_key(self) -> tuple:
        if not self.latest:
            return (2, 0.0, self.sector.name)
        # Priorities first, then the sector nearest the quadrant: the weaker of its two scores.
        weaker = min(self.domestic, self.international)
        return (0 if self.is_priority else 1, -weaker, self.sector.name)


def _assessments_newest_first():
    return SectorAssessment.objects.order_by("-assessed_on", "-pk")


def sector_priorities() -> list[SectorPriority]:
    """Every sector with its assessments, ranked; two queries whatever the data."""
    sectors = Sector.objects.with_organisation_count().prefetch_related(
        Prefetch("assessments", queryset=_assessments_newest_first())
    )
    rows = [SectorPriority(sector, list(sector.assessments.all())) for sector in sectors]
    return sorted(rows, key=SectorPriority.rank_key)


def sector_with_history(*, sector: Sector) -> SectorPriority:
    return SectorPriority(
        sector,
        list(_assessments_newest_first().filter(sector=sector).select_related("assessed_by")),
    )


def scatter_chart_data(rows: list[SectorPriority]) -> dict:
    """The JSON the priorities chart draws: one point per assessed sector, and its last move."""
    return {
        "threshold": scoring.PRIORITY_THRESHOLD,
        "points": [
            {
                "label": row.sector.name,
                "slug": row.sector.slug,
                "x": row.domestic,
                "y": row.international,
                "priority": row.is_priority,
            }
            for row in rows
            if row.latest
        ],
        # Where each reassessed sector stood before: the chart draws the move as a trail.
        "trails": [
            {
                "label": row.sector.name,
                "from": {
                    "x": row.history[1].domestic_score,
                    "y": row.history[1].international_score,
                },
                "to": {"x": row.domestic, "y": row.international},
            }
            for row in rows
            if len(row.history) > 1
        ],
    }


def history_chart_data(row: SectorPriority) -> dict:
    """The JSON of a sector's history chart, oldest assessment first."""
    ordered = list(reversed(row.history))
    return {
        "threshold": scoring.PRIORITY_THRESHOLD,
        "labels": [f"{a.assessed_on:%Y-%m-%d}" for a in ordered],
        "domestic": [a.domestic_score for a in ordered],
        "international": [a.international_score for a in ordered],
    }
