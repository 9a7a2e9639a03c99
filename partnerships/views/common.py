"""Pieces the registry, coalition and support pages share."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from config.pagination import EstimatedCountPaginator


def search_text(request, *, limit: int = 100) -> str:
    """The `?q=` search box, trimmed to a sensible length (NUL characters are already
    gone: config.middleware.StripNullCharactersMiddleware)."""
    return request.GET.get("q", "").strip()[:limit]


MAX_ID = 2**63 - 1  # the largest primary key a BigAutoField holds


def parse_id(raw: str | None) -> int | None:
    """The one reading of an id from a query string or POST field: ASCII digits within a
    primary key's range, or None. (`str.isdigit()` accepts "²", which int() refuses.)"""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


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
