"""The one rule of a period (a role, a campaign, a partnership, an activity): it may
end on the day it starts, never before. Forms show it on the end field; services,
which any client reaches, refuse with it again."""

import datetime
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

Rows = TypeVar("Rows", bound=QuerySet)

# A window (first, last day), when given, keeps only the items due within it: the
# reminders page builds one page of items, not every one (dashboard/services/reminders.py).
Window = tuple[datetime.date, datetime.date] | None


def ends_before_it_starts(starts: datetime.date | None, ends: datetime.date | None) -> bool:
    """True only when both dates are given and the end comes first (open ends are fine)."""
    return starts is not None and ends is not None and ends < starts


class PeriodFormMixin:
    """For a form with a start and an end date: names the fields and the sentence."""

    period_fields: tuple[str, str] = ("starts_on", "ends_on")
    period_error: Any = _("The end date is before the start date.")

    def clean(self) -> dict:
        data = super().clean() or {}  # type: ignore[misc]  # mixed into a Form
        starts, ends = self.period_fields
        if ends_before_it_starts(data.get(starts), data.get(ends)):
            self.add_error(ends, self.period_error)  # type: ignore[attr-defined]
        return data


def due_within(
    rows: Rows, field: str, window: Window, *, due_after: datetime.timedelta | None = None
) -> Rows:
    """The rows whose item is due within the window (all without one); an item is due
    on `field`, or `due_after` later (an evaluation: so long after its activity ended)."""
    if not window:
        return rows
    shift = due_after or datetime.timedelta(0)
    return rows.filter(**{f"{field}__range": (window[0] - shift, window[1] - shift)})
