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

import hashlib
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import BooleanField, F, Func, IntegerField, Model, Q, QuerySet, Subquery
from psycopg2.extensions import AsIs


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


# The statements prepared on each PostgreSQL connection (psycopg2's own object, so that
# a new connection, after CONN_MAX_AGE or an error, starts with none).
_prepared: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class ReusableSQL:
    sql: str
    params: tuple
    compiler: Any  # the probe's SQLCompiler: its converters turn columns into values
    converters: dict
    using: str
    # PostgreSQL: the statement's name and its PREPARE, with the id as its one parameter.
    name: str = ""
    prepare: str = ""

    def rows(self, pk: int) -> list:
        with connections[self.using].cursor() as cursor:
            if self.prepare:
                # PREPARE is connection state, like the time zone Django sets on
                # connecting, and survives a rollback: it goes through the driver's own
                # cursor, outside the query log, so that a page's query count does not
                # depend on whether its worker had shown the page before.
                names = _prepared.setdefault(cursor.cursor.connection, set())
                if self.name not in names:
                    cursor.cursor.execute(self.prepare)
                    names.add(self.name)
                cursor.execute(f"EXECUTE {self.name}(%s)", [pk])
            else:
                cursor.execute(self.sql, [pk if param is _ID else param for param in self.params])
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        return rows


def _prepared_statement(model: type[Model], using: str, sql: str, params: tuple) -> dict:
    """PostgreSQL plans a query on every call and psycopg2 never prepares one: the
    timeline's eleven-branch UNION took longer to plan (10.8 ms) than to run (12 ms).
    Prepared, it is parsed once per connection, and its plan cached after a few calls.
    The constants are written in as psycopg2 would send them; the id is the parameter.
    (A pooler in transaction mode, such as PgBouncer's, needs its prepared-statement
    support turned on.)"""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        text = cursor.cursor.mogrify(sql, [AsIs("$1") if p is _ID else p for p in params])
    name = "reusable_" + hashlib.blake2b(text, digest_size=10).hexdigest()
    pk_type = model._meta.pk.rel_db_type(connection)
    return {"name": name, "prepare": f"PREPARE {name}({pk_type}) AS {text.decode()}"}


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
    converters = compiler.get_converters(fields)
    prepared = _prepared_statement(model, using, sql, tuple(template))
    return ReusableSQL(sql, tuple(template), compiler, converters, using, **prepared)
