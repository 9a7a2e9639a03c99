"""The overall rating of a risk assessment: derived from its lines, never typed.

A line's score is likelihood × impact (1–25), before and after mitigation. The
assessment takes the highest residual score, banded; and seed 002's rule sits on
top: "For organisations or events that carry a significant legal or reputational
risk to Amnesty or physical risk to attendees, that cannot be mitigated, we should
not participate as partners in these events."
"""

from collections.abc import Iterable
from typing import Protocol, TypeVar

from .models import Rating, RiskType

# The lowest score of each band, highest first. A residual score in the top band
# is a risk that mitigation could not bring down: "cannot be mitigated".
BANDS: list[tuple[int, Rating]] = [
    (20, Rating.SEVERE),
    (10, Rating.HIGH),
    (5, Rating.MEDIUM),
    (1, Rating.LOW),
]
TOP_BAND = BANDS[0][1]
# The risk types for which an unmitigable risk means "do not participate as partners".
BLOCKING_TYPES = frozenset({RiskType.LEGAL, RiskType.REPUTATIONAL, RiskType.PHYSICAL})


class Line(Protocol):
    risk_type: str
    residual_likelihood: int
    residual_impact: int


# A RiskLine, or any row shaped like one: what goes in comes back out.
AnyLine = TypeVar("AnyLine", bound=Line)


def band(score: int) -> Rating:
    """low 1–4, medium 5–9, high 10–16, severe 20–25."""
    if not 1 <= score <= 25:
        raise ValueError(f"A score is between 1 and 25, not {score}.")
    return next(rating for lowest, rating in BANDS if score >= lowest)


def residual_score(line: Line) -> int:
    return line.residual_likelihood * line.residual_impact


def blocking_lines(lines: Iterable[AnyLine]) -> list[AnyLine]:
    """The legal, reputational or physical lines whose residual risk is in the top band."""
    return [
        line
        for line in lines
        if line.risk_type in BLOCKING_TYPES and band(residual_score(line)) == TOP_BAND
    ]


def overall_rating(lines: Iterable[Line]) -> Rating | None:
    """The one place the rating is decided; None when there is no line to rate."""
    lines = list(lines)
    if not lines:
        return None
    if blocking_lines(lines):
        return Rating.DO_NOT_PARTICIPATE
    return band(max(residual_score(line) for line in lines))
