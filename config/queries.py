"""`id_in`: a filter on ids that a subquery reads, written so that PostgreSQL runs the
subquery first and then finds each id through the field's index.

`field IN (subquery)` lets the planner turn the subquery into a join, and at the bench's
size it chose joins that walk a whole index or table: an organisation's risk assessments,
found through its requests and partnerships, took 10.4 ms (issue 15's EXPLAIN: a merge
join over every assessment's request id, then a sequential scan of all assessments).
`field = ANY(ARRAY(subquery))` is evaluated once, before the outer scan: 2.5 ms. Other
databases (SQLite) get the plain `__in`.

`RowCount`: a count as a scalar subquery (below).
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BooleanField, F, Func, IntegerField, Q, QuerySet, Subquery


class _EqualsAny(Func):
    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def id_in(field: str, subquery: QuerySet, *, using: str | None = None) -> Q | Func:
    """A filter: `field` is one of the values `subquery` (one column) reads."""
    if connections[using or DEFAULT_DB_ALIAS].vendor != "postgresql":
        return Q(**{f"{field}__in": subquery})
    return _EqualsAny(F(field), ArraySubquery(subquery))


class RowCount(Subquery):
    """The number of rows of a QuerySet, as a scalar subquery of another query. Alone,
    the planner runs it once (an InitPlan), from an index where one fits, while the
    outer query joins only the few rows it shows. With an OuterRef it counts each outer
    row's rows through their index, where Count() over a join would read every row of
    the joined table and group them (issue 15's priorities: 7.1 ms for ten sectors'
    20,000 organisations, 2.2 ms so)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()

    def __init__(self, queryset, **kwargs) -> None:
        super().__init__(queryset.order_by().values("pk"), **kwargs)
