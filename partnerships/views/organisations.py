"""Staff pages of the partner registry."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from accounts.errors import refusal_as_message
from accounts.roles import StaffRequiredMixin, staff_required
from partnerships.filters import OrganisationFilter
from partnerships.forms.organisations import AffiliationFormSet, MergeTargetForm, OrganisationForm
from partnerships.models import Organisation
from partnerships.panels import panels_for
from partnerships.selectors import find_existing_relationships, organisation_related_counts
from partnerships.services.organisations import organisation_merge
from partnerships.services.relationships import (
    relationship_dormant_confirm,
    relationship_dormant_since,
)
from partnerships.timeline import timeline_for

from .common import ForgivingPaginationMixin, InlineFormSetMixin, SortableFilterMixin, parse_id


class OrganisationListView(
    StaffRequiredMixin, SortableFilterMixin, ForgivingPaginationMixin, FilterView
):
    default_sort = "name"
    filterset_class = OrganisationFilter
    template_name = "partnerships/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        # A stable order (the name, then the id) keeps pages from repeating rows.
        return Organisation.objects.select_related("relationship_owner").order_by("name", "pk")


class OrganisationDetailView(StaffRequiredMixin, DetailView):
    # A busy organisation has hundreds of entries: the page shows the newest, and
    # "Show older entries" reads the next page (appended by htmx, a page of its own
    # without JavaScript); each page is one query cut by the database (issue 15).
    timeline_per_page = 25
    # A timeline of 100,000 entries; a larger ?timeline= reads as the last of these.
    timeline_pages = 4000
    model = Organisation
    template_name = "partnerships/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("relationship_owner").prefetch_related(
            "affiliations"
        )

    def get(self, request, *args, **kwargs):
        if request.htmx and "timeline" in request.GET:
            self.object = self.get_object(Organisation.objects.all())  # no affiliations
            # The first new entry takes the focus from the link it replaces (htmx focuses
            # an [autofocus] element it swaps in): a keyboard user reads on from there.
            context = self.timeline_page() | {"timeline_focus_first": True}
            response = render(request, "partnerships/_timeline_page.html", context)
        else:
            response = super().get(request, *args, **kwargs)
        # The same address answers a page or a fragment: caches must keep them apart.
        patch_vary_headers(response, ("HX-Request",))
        return response

    def timeline_page(self) -> dict:
        page = min(parse_id(self.request.GET.get("timeline")) or 1, self.timeline_pages)
        per_page = self.timeline_per_page
        entries = timeline_for(self.object, limit=per_page + 1, offset=(page - 1) * per_page)
        if not entries and page > 1:  # past the end (an old link): the newest instead
            page, entries = 1, timeline_for(self.object, limit=per_page + 1)
        return {
            "timeline": entries[:per_page],
            "timeline_page": page,
            "timeline_older": page + 1 if len(entries) > per_page else None,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) | self.timeline_page()
        context["panels"] = panels_for(self.object, self.request.user)
        for panel in context["panels"]:
            if panel.record is not None:
                panel.record(self.request.user, self.request.path)
        context["dormant_since"] = relationship_dormant_since(self.object)
        return context


class OrganisationFormMixin(StaffRequiredMixin, InlineFormSetMixin):
    model = Organisation
    form_class = OrganisationForm
    template_name = "partnerships/organisation_form.html"
    formset_class = AffiliationFormSet
    formset_name = "affiliations"
    detail_url_name = "partnerships:organisation_detail"


class OrganisationCreateView(OrganisationFormMixin, CreateView):
    def get_initial(self):
        # The person registering an organisation usually owns the relationship.
        return {"relationship_owner": self.request.user.pk}


class OrganisationUpdateView(OrganisationFormMixin, UpdateView):
    pass


@staff_required
def organisation_matches(request: HttpRequest) -> HttpResponse:
    """The live existing-relationship check of the create form (htmx)."""
    exclude_pk = parse_id(request.GET.get("exclude"))
    matches = find_existing_relationships(
        name=request.GET.get("name", "")[:255],
        acronym=request.GET.get("acronym", "")[:50],
        website=request.GET.get("website", "")[:500],
        email=request.GET.get("email", "")[:254],
        exclude_pk=exclude_pk,
    )
    return render(request, "partnerships/_organisation_matches.html", {"matches": matches})


@require_POST
@staff_required
def organisation_dormant(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the page's suggestion that a quiet relationship is dormant."""
    organisation = get_object_or_404(Organisation, pk=pk)
    with refusal_as_message(request, f"{organisation} is marked as a dormant relationship."):
        relationship_dormant_confirm(organisation=organisation, user=request.user)
    return redirect("partnerships:organisation_detail", pk=organisation.pk)


@staff_required
def organisation_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick the record to keep, confirm, then merge the duplicate into it."""
    duplicate = get_object_or_404(Organisation, pk=pk)
    form = MergeTargetForm(request.POST or request.GET or None, duplicate=duplicate)
    if not form.is_bound or not form.is_valid():
        suggestions = find_existing_relationships(
            name=duplicate.name,
            acronym=duplicate.acronym,
            website=duplicate.website,
            email=duplicate.email,
            exclude_pk=duplicate.pk,
        )
        return render(
            request,
            "partnerships/organisation_merge.html",
            {"duplicate": duplicate, "form": form, "suggestions": suggestions},
        )
    keep = form.cleaned_data["keep"]
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(
            request,
            "partnerships/organisation_merge_confirm.html",
            {
                "duplicate": duplicate,
                "keep": keep,
                "counts": organisation_related_counts(duplicate, request.user),
            },
        )
    with refusal_as_message(request) as outcome:
        report = organisation_merge(keep=keep, duplicate=duplicate, by=request.user)
        # No count: the report's include rows the user may not see (people at risk).
        outcome.success = f"Merged {report.duplicate_name} into {keep}: every related record moved."
    if outcome.refused:
        return redirect("partnerships:organisation_detail", pk=duplicate.pk)
    return redirect("partnerships:organisation_detail", pk=keep.pk)
