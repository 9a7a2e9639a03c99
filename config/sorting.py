"""Sortable column headers shared by every list page.

A list allows a fixed set of sort keys (django-filter's OrderingFilter names, or a
SearchSortMixin's `sort_options`); `?sort=-key` is the same key the other way round.
`ListSorting` reads the current key from the request, falling back to the list's
default on anything else, and tells a header which link and `aria-sort` it gets
(`{% sort_header %}` in partnerships/templatetags/list_tags.py).
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class ListSorting:
    allowed: Collection[str]
    current: str
    default: str
    # Keys whose plain form already sorts downwards ("newest"): their header reads
    # "descending" when chosen, and the first click on it sorts that way.
    descending: Collection[str] = field(default_factory=frozenset)
    param: str = "sort"

    @classmethod
    def from_request(
        cls,
        request: HttpRequest,
        *,
        allowed: Collection[str],
        default: str,
        descending: Collection[str] = frozenset(),
        param: str = "sort",
    ) -> "ListSorting":
        return cls(
            allowed=allowed,
            current=read_sort_key(request.GET.get(param, ""), allowed=allowed, default=default),
            default=default,
            descending=descending,
            param=param,
        )

    @property
    def key(self) -> str:
        """The chosen key without its direction sign."""
        return self.current.removeprefix("-")

    @property
    def reversed(self) -> bool:
        return self.current.startswith("-")

    def direction(self, key: str) -> str | None:
        """ "ascending" / "descending" for the column sorted now, else None."""
        if key != self.key:
            return None
        downwards = (key in self.descending) != self.reversed
        return "descending" if downwards else "ascending"

    def toggle(self, key: str) -> str:
        """The sort value a click on this column asks for: the other way round if it is
        the current column, else the column's natural direction."""
        if key == self.key and not self.reversed:
            return f"-{key}"
        return key


def read_sort_key(raw: str, *, allowed: Collection[str], default: str) -> str:
    """The requested key if allowed (optionally with a leading "-"), else the default.
    Only the first of a comma-separated list counts: headers sort by one column."""
    first = raw.split(",", 1)[0].strip()
    return first if first.removeprefix("-") in allowed else default
