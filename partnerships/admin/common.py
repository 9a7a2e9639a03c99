"""Pieces the admin pages share."""


class NulSafeChangelistMixin:
    """PostgreSQL refuses a NUL character in a query (a 500), and no one types one:
    the changelist drops them from its search box and filters, like the site's own
    search boxes."""

    def changelist_view(self, request, extra_context=None):
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            cleaned = request.GET.copy()
            for key, values in request.GET.lists():
                cleaned.setlist(key, [value.replace("\x00", "") for value in values])
            request.GET = cleaned
        return super().changelist_view(request, extra_context)
