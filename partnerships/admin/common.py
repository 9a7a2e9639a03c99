"""Pieces the admin pages share."""


class NulSafeSearchMixin:
    """PostgreSQL refuses a NUL character in a query (a 500), and no one types one:
    the admin search box drops them, like the site's own search boxes."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))
