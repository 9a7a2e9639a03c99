"""`id_in`: a filter on ids that a subquery reads, written so that PostgreSQL runs the
subquery first and then finds each id through the field's index.

`field IN (subquery)` lets the planner turn the subquery into a join, and at the bench's
size it chose joins that walk a whole index or table: an organisation's risk assessments,
found through its requests and partnerships, took 10.4 ms (issue 15's EXPLAIN: a merge
join over every assessment's request id, then a sequential scan of all assessments).
`field = ANY(ARRAY(subquery))` is evaluated once, before the outer scan: 2.5 ms. Other
databases (SQLite) get the plain `__in`.

`RowCount`: a count as a scalar subquery (below).

`reusable_sql`: a query the ORM builds once per process and runs for any object (below).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import BooleanField, F, Func, IntegerField, Model, Q, QuerySet, Subquery


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


M = TypeVar("M", bound=Model)

# Ids no row has: where they stand in a query's parameters, the object's id goes.
PROBE_IDS = (-7_340_001, -7_340_002)
_ID = object()


class _AskedTheDatabase(Exception):
    pass


@dataclass(frozen=True)
class ReusableSQL:
    sql: str
    params: tuple
    compiler: Any  # the probe's SQLCompiler: its converters turn columns into values
    converters: dict
    using: str

    def rows(self, pk: int) -> list:
        params = [pk if param is _ID else param for param in self.params]
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        return rows


def reusable_sql(model: type[M], build: Callable[[M], QuerySet]) -> ReusableSQL | None:
    """The SQL of `build(instance)` for any instance of `model`, compiled once.

    Building and compiling a large ORM query can cost more than running it (the
    organisation timeline's eleven-branch UNION: about 30 ms of Python, against 12 ms in
    PostgreSQL). `build` is given two probe instances that hold nothing but an id no row
    has, and asked nothing of the database: the SQL is reusable when the two compile
    alike, their parameters differing only where each probe's id stands. A build that
    reads any other field of the instance (it would load it: a query) or runs a query
    of its own depends on more than the id: None, and the caller builds every time.
    What the check cannot see is left to the caller's key: the language, or a date."""
    using = router.db_for_read(model)

    def refuse(*args):
        raise _AskedTheDatabase

    compiled = []
    try:
        with connections[using].execute_wrapper(refuse):
            for probe_id in PROBE_IDS:
                probe = model.from_db(using, [model._meta.pk.attname], [probe_id])
                compiler = build(probe).query.get_compiler(using=using)
                sql, params = compiler.as_sql()
                compiled.append((compiler, sql, tuple(params)))
    except _AskedTheDatabase:
        return None
    (compiler, sql, params), (_, other_sql, other_params) = compiled
    if sql != other_sql or len(params) != len(other_params):
        return None
    template: list = []
    for one, other in zip(params, other_params, strict=True):
        if (one, other) == PROBE_IDS:
            template.append(_ID)
        elif one == other and one not in PROBE_IDS:
            template.append(one)
        else:
            return None
    fields = [column for column, _, _ in compiler.select[: compiler.col_count]]
    return ReusableSQL(sql, tuple(template), compiler, compiler.get_converters(fields), using)
