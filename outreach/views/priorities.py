"""The outreach hub, the priorities page, sectors and their assessments."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from accounts.errors import ServiceFormMixin
from accounts.roles import StaffRequiredMixin
from outreach import scoring
from outreach.forms.priorities import SectorAssessmentForm
from outreach.models import Sector
from outreach.selectors.organisations import organisations_matching
from outreach.selectors.priorities import (
    history_chart_data,
    scatter_chart_data,
    sector_priorities,
    sector_with_history,
)
from outreach.services.priorities import (
    sector_assessment_record,
    sector_organisation_add,
    sector_organisation_remove,
)
from partnerships.models import Organisation
from partnerships.views.common import search_text


class OutreachHomeView(StaffRequiredMixin, TemplateView):
    template_name = "outreach/home.html"


class PrioritiesView(StaffRequiredMixin, TemplateView):
    template_name = "outreach/priorities.html"

    def get_context_data(self, **kwargs):
        rows = sector_priorities()
        return super().get_context_data(
            rows=rows,
            chart=scatter_chart_data(rows),
            threshold=scoring.PRIORITY_THRESHOLD,
            **kwargs,
        )


class SectorDetailView(StaffRequiredMixin, DetailView):
    model = Sector
    template_name = "outreach/sector_detail.html"
    organisations_shown = 100

    def get_context_data(self, **kwargs):
        row = sector_with_history(sector=self.object)
        query = search_text(self.request)
        members = self.object.organisations.order_by("name")
        return super().get_context_data(
            row=row,
            chart=history_chart_data(row),
            organisations=members[: self.organisations_shown],
            organisation_count=members.count(),
            query=query,
            candidates=organisations_matching(query=query, outside_sector=self.object),
            threshold=scoring.PRIORITY_THRESHOLD,
            **kwargs,
        )


class SectorAssessView(StaffRequiredMixin, ServiceFormMixin, FormView):
    form_class = SectorAssessmentForm
    template_name = "outreach/sector_assess.html"

    def dispatch(self, request, *args, **kwargs):
        self.sector = get_object_or_404(Sector, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "latest": self.sector.assessments.first()}

    def perform(self, form) -> tuple[str, str]:
        data = form.cleaned_data
        assessment = sector_assessment_record(
            sector=self.sector,
            assessed_on=data["assessed_on"],
            scores={name: data[name] for name in scoring.ALL_CRITERIA},
            aims=data["aims"],
            notes=data["notes"],
            assessed_by=self.request.user,
        )
        message = (
            f"{self.sector} scored {assessment.domestic_score:g} domestic and "
            f"{assessment.international_score:g} international impact."
        )
        return message, reverse("outreach:priorities")

    def get_context_data(self, **kwargs):
        return super().get_context_data(sector=self.sector, **kwargs)


class SectorOrganisationView(StaffRequiredMixin, View):
    """POST only: add an organisation to a sector, or remove it."""

    http_method_names = ["post"]

    def post(self, request, slug: str, organisation_pk: int, action: str):
        sector = get_object_or_404(Sector, slug=slug)
        organisation = get_object_or_404(Organisation, pk=organisation_pk)
        if action == "add":
            sector_organisation_add(sector=sector, organisation=organisation)
            messages.success(
                request,
                _("%(organisation)s now belongs to %(sector)s.")
                % {"organisation": organisation, "sector": sector},
            )
        else:
            sector_organisation_remove(sector=sector, organisation=organisation)
            messages.success(
                request,
                _("%(organisation)s no longer belongs to %(sector)s.")
                % {"organisation": organisation, "sector": sector},
            )
        return redirect("outreach:sector_detail", slug=sector.slug)
