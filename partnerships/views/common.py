"""Pieces the registry, coalition and support pages share."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.api.filters import MAX_PRIMARY_KEY
from config.pagination import EstimatedCountPaginator
from config.sorting import ListSorting


def search_text(request, *, limit: int = 100) -> str:
    """The `?q=` search box, trimmed to a sensible length (NUL characters are already
    gone: config.middleware.StripNullCharactersMiddleware)."""
    return request.GET.get("q", "").strip()[:limit]


def parse_id(raw: str | None) -> int | None:
    """The one reading of an id from a query string or POST field: ASCII digits within a
    primary key's range, or None. (`str.isdigit()` accepts "²", which int() refuses.)"""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_PRIMARY_KEY else None


class ForgivingPaginationMixin:
    """An out-of-range or malformed ?page= shows the nearest page, never a 404 or a 500;
    large lists show an estimated count and read deep pages by key (config/pagination.py)."""

    paginate_by = 25

    def paginate_queryset(self, queryset, page_size):
        paginator = EstimatedCountPaginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class InlineFormSetMixin:
    """A create/edit view whose form comes with one inline formset, saved together."""

    formset_class = None
    formset_name = "formset"
    detail_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(self.formset_name, self.formset_class(instance=self.object))
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form = self.get_form()
        formset = self.formset_class(request.POST, instance=self.object)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                self.object = form.save()
                formset.instance = self.object
                formset.save()
            messages.success(request, _("Saved %(object)s.") % {"object": self.object})
            return redirect(self.detail_url_name, pk=self.object.pk)
        context = self.get_context_data(form=form, **{self.formset_name: formset})
        return self.render_to_response(context)


class SortableFilterMixin:
    """Sortable headers for a django-filter list whose FilterSet has an OrderingFilter
    named `sort`: the headers allow exactly the orderings the filter does."""

    default_sort = ""
    descending_sorts: frozenset[str] = frozenset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordering = self.filterset.filters["sort"]
        context["sorting"] = ListSorting.from_request(
            self.request,
            allowed=set(ordering.param_map),
            default=self.default_sort,
            descending=self.descending_sorts,
        )
        return context


def reverse_ordering(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f[1:] if f.startswith("-") else f"-{f}" for f in ordering)


class SortOptionsMixin:
    """`?sort=` picks a key of `sort_options` (else the first), `?sort=-key` the same
    order the other way round (a column header's second click).

    `sort_options` maps a key to (label, ordering); an ordering that starts with a
    descending field ("newest") reads as descending. Unknown keys fall back to the
    default rather than failing: no user input gives a 500.
    """

    sort_options: dict[str, tuple[str, tuple[str, ...]]] = {}

    def sorting(self) -> ListSorting:
        return ListSorting.from_request(
            self.request,
            allowed=self.sort_options.keys(),
            default=next(iter(self.sort_options)),
            descending={k for k, (_, order) in self.sort_options.items() if order[0][0] == "-"},
        )

    def sort_key(self) -> str:
        return self.sorting().key

    def order_queryset(self, queryset):
        sorting = self.sorting()
        ordering = self.sort_options[sorting.key][1]
        return queryset.order_by(*(reverse_ordering(ordering) if sorting.reversed else ordering))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sort=self.sort_key(),
            sorting=self.sorting(),
            sort_choices=[(key, label) for key, (label, _) in self.sort_options.items()],
            **kwargs,
        )
