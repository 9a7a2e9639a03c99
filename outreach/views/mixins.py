"""Behaviour shared by the outreach views: list search and sorting, and the shared service form mixin."""

from django.db.models import Q, QuerySet

from outreach.models import AT_RISK_PERMISSION
from outreach.services.contacts import at_risk_access_log
from partnerships.views.common import ForgivingPaginationMixin, SortOptionsMixin, search_text


def log_at_risk_shown(request, contacts) -> None:
    """Seed 004: every page that shows a person at risk records who saw them, and where.
    (Only holders of the permission can be shown one: visible_to hides them otherwise.)"""
    if request.user.has_perm(AT_RISK_PERMISSION):
        at_risk_access_log(contacts=contacts, user=request.user, page=request.path)


class SearchSortMixin(SortOptionsMixin, ForgivingPaginationMixin):
    """`?q=` searches `search_fields`; `?sort=` picks a key of `sort_options`
    (partnerships.views.common.SortOptionsMixin)."""

    search_fields: tuple[str, ...] = ()
    paginate_by = 25

    def search_query(self) -> str:
        return search_text(self.request)

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
        return self.order_queryset(queryset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.search_query(), **kwargs)
