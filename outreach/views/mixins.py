"""Behaviour shared by the outreach views: list search and sorting, and the shared service form mixin."""

from django.db.models import Q, QuerySet

from outreach.models import AT_RISK_PERMISSION
from outreach.services.contacts import at_risk_access_log
from partnerships.views.common import ForgivingPaginationMixin, search_text


def log_at_risk_shown(request, contacts) -> None:
    """Seed 004: every page that shows a person at risk records who saw them, and where.
    (Only holders of the permission can be shown one: visible_to hides them otherwise.)"""
    if request.user.has_perm(AT_RISK_PERMISSION):
        at_risk_access_log(contacts=contacts, user=request.user, page=request.path)


class SearchSortMixin(ForgivingPaginationMixin):
    """`?q=` searches `search_fields`; `?sort=` picks a key of `sort_options` (else the first).

    `sort_options` maps a key to (label, ordering). Unknown keys fall back to the
    default rather than failing: no user input gives a 500.
    """

    search_fields: tuple[str, ...] = ()
    sort_options: dict[str, tuple[str, tuple[str, ...]]] = {}
    paginate_by = 25

    def search_query(self) -> str:
        return search_text(self.request)

    def sort_key(self) -> str:
        requested = self.request.GET.get("sort", "")
        return requested if requested in self.sort_options else next(iter(self.sort_options))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def get_queryset(self) -> QuerySet:
        queryset = self.filter_queryset(super().get_queryset())
        query = self.search_query()
        if query and self.search_fields:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            queryset = queryset.filter(condition)
        return queryset.order_by(*self.sort_options[self.sort_key()][1])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "query": self.search_query(),
                "sort": self.sort_key(),
                "sort_choices": [(key, label) for key, (label, _) in self.sort_options.items()],
            }
        )
        return context
