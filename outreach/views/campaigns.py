"""Campaigns and their spectrum of allies."""

from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from accounts.errors import ServiceFormMixin
from accounts.roles import StaffRequiredMixin
from outreach.forms.campaigns import CampaignForm, SpectrumPlaceForm
from outreach.models import Campaign, SpectrumPlacement
from outreach.selectors.campaigns import spectrum_columns, spectrum_moves
from outreach.selectors.organisations import organisations_matching
from outreach.services.campaigns import spectrum_place
from partnerships.models import Organisation
from partnerships.views.common import search_text

from .mixins import SearchSortMixin


class CampaignListView(StaffRequiredMixin, SearchSortMixin, ListView):
    model = Campaign
    template_name = "outreach/campaign_list.html"
    context_object_name = "campaigns"
    search_fields = ("name", "goal")
    sort_options = {
        "newest": ("Newest first", ("-starts_on", "name", "pk")),
        "name": ("Name", ("name", "pk")),
    }

    def filter_queryset(self, queryset):
        return queryset.annotate(placement_count=Count("placements"))


class CampaignDetailView(StaffRequiredMixin, DetailView):
    model = Campaign
    template_name = "outreach/campaign_detail.html"
    moves_shown = 50

    def get_context_data(self, **kwargs):
        query = search_text(self.request)
        return super().get_context_data(
            columns=spectrum_columns(campaign=self.object),
            moves=spectrum_moves(campaign=self.object)[: self.moves_shown],
            query=query,
            candidates=organisations_matching(query=query),
            **kwargs,
        )


class CampaignFormMixin(StaffRequiredMixin, SuccessMessageMixin):
    model = Campaign
    form_class = CampaignForm
    template_name = "outreach/campaign_form.html"
    success_message = "Saved the campaign “%(name)s”."


class CampaignCreateView(CampaignFormMixin, CreateView):
    pass


class CampaignUpdateView(CampaignFormMixin, UpdateView):
    pass


class SpectrumPlaceView(StaffRequiredMixin, ServiceFormMixin, FormView):
    """Place an organisation on a campaign's spectrum, or move it, giving the reason."""

    form_class = SpectrumPlaceForm
    template_name = "outreach/spectrum_place.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=kwargs["pk"])
        self.organisation = get_object_or_404(Organisation, pk=kwargs["organisation_pk"])
        self.placement = SpectrumPlacement.objects.filter(
            campaign=self.campaign, organisation=self.organisation
        ).first()
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form) -> tuple[str, str]:
        move = spectrum_place(
            campaign=self.campaign,
            organisation=self.organisation,
            moved_by=self.request.user,
            **form.cleaned_data,
        )
        message = f"{self.organisation} is now: {move.get_position_display().lower()}."
        return message, self.campaign.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            campaign=self.campaign,
            organisation=self.organisation,
            placement=self.placement,
            history=spectrum_moves(campaign=self.campaign, organisation=self.organisation),
            **kwargs,
        )
