"""Pieces the registry, coalition and support pages share."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect

from accounts.roles import is_coordinator, is_section_staff
from config.pagination import EstimatedCountPaginator


def search_text(request, *, limit: int = 100) -> str:
    """The `?q=` search box, trimmed to a sensible length (NUL characters are already
    gone: config.middleware.StripNullCharactersMiddleware)."""
    return request.GET.get("q", "").strip()[:limit]


def staff_required(view):
    """Function views: Section staff and coordinators only (the mixin's rule)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (is_section_staff(request.user) or is_coordinator(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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
            messages.success(request, f"Saved {self.object}.")
            return redirect(self.detail_url_name, pk=self.object.pk)
        context = self.get_context_data(form=form, **{self.formset_name: formset})
        return self.render_to_response(context)
