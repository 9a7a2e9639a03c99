"""Who holds a coalition's rotating secretariat on a given day.

The members taking part (and the Section, when it takes its turn) hold the
secretariat in the order of their positions, each for the coalition's term,
counting from the rotation's start date. Pure functions: the caller passes the
coalition and its memberships already loaded.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SECTION_LABEL = "the Section"


@dataclass(frozen=True)
class SecretariatTurns:
    current: str | None
    current_since: date | None
    next: str | None
    next_from: date | None


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (negative when end is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def rotation_order(coalition, memberships: Iterable) -> list[str]:
    seats = [
        (m.secretariat_position, str(m.organisation))
        for m in memberships
        if m.secretariat_position is not None and m.left_on is None
    ]
    if coalition.section_is_member and coalition.section_secretariat_position is not None:
        seats.append((coalition.section_secretariat_position, SECTION_LABEL))
    return [label for _, label in sorted(seats)]


def secretariat_turns(coalition, memberships: Iterable, *, on: date) -> SecretariatTurns:
    order = rotation_order(coalition, memberships)
    start, term = coalition.secretariat_rotation_start, coalition.secretariat_term_months
    if not order or start is None:
        return SecretariatTurns(None, None, None, None)
    if on < start:
        return SecretariatTurns(None, None, order[0], start)
    turn = months_between(start, on) // term
    return SecretariatTurns(
        current=order[turn % len(order)],
        current_since=add_months(start, turn * term),
        next=order[(turn + 1) % len(order)],
        next_from=add_months(start, (turn + 1) * term),
    )
