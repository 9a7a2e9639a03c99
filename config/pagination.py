"""Pagination that stays fast at a million rows (issue 15).

- The count: an exact COUNT(*) over a million contacts takes longer than the page
  itself. When PostgreSQL's planner expects more than ESTIMATE_ABOVE rows, the
  page says "about N" from the planner's estimate; below, it counts exactly.
- Deep pages: OFFSET 25,000 makes PostgreSQL fetch and discard 25,000 full rows.
  Past DEEP_OFFSET the paginator first reads the page's primary keys alone (an
  index-only scan of the ordering's index), then those rows by primary key, so
  page 1,000 costs about what page 1 costs.
"""

import json
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet

ESTIMATE_ABOVE = 10_000
DEEP_OFFSET = 1_000


def planner_estimate(queryset: QuerySet) -> int | None:
    """The planner's row estimate for `queryset` (PostgreSQL), else None."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # e.g. `pk__in=[]`: nothing to estimate, the page is empty
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """A Paginator whose count may be the planner's estimate (`is_estimate`)."""

    is_estimate = False

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            estimate = planner_estimate(self.object_list)
            if estimate is not None and estimate > ESTIMATE_ABOVE:
                self.is_estimate = True
                return estimate
        return super().count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset = self.object_list
        if bottom < DEEP_OFFSET or not isinstance(queryset, QuerySet):
            return super().page(number)
        keys = list(queryset.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
        return Page([rows[key] for key in keys if key in rows], number, self)
