"""Staff pages for other organisations' requests for the Section's support (seed 001)."""

from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView

from accounts.errors import refusal_as_message
from accounts.roles import StaffRequiredMixin, staff_required
from partnerships import guidance
from partnerships.forms.support import SupportDecisionForm, SupportRequestForm
from partnerships.models import SupportRequest
from partnerships.models.support import SupportDecision
from partnerships.services.support import support_request_decide

from .common import ForgivingPaginationMixin, SortOptionsMixin, parse_id


class SupportRequestListView(
    StaffRequiredMixin, SortOptionsMixin, ForgivingPaginationMixin, ListView
):
    template_name = "partnerships/support_list.html"
    context_object_name = "support_requests"
    sort_options = {
        "newest": ("Newest first", ("-received_on", "-pk")),
        "organisation": ("Organisation", ("organisation__name", "-received_on", "pk")),
        "decision": ("Decision", ("decision", "-received_on", "pk")),
    }

    def get_queryset(self):
        queryset = SupportRequest.objects.select_related("organisation", "decided_by")
        decision = self.request.GET.get("decision", "")
        if decision in SupportDecision.values:
            queryset = queryset.filter(decision=decision)
        return self.order_queryset(queryset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            decisions=SupportDecision.choices,
            current_decision=self.request.GET.get("decision", ""),
            **kwargs,
        )


class SupportRequestCreateView(StaffRequiredMixin, SuccessMessageMixin, CreateView):
    model = SupportRequest
    form_class = SupportRequestForm
    template_name = "partnerships/support_form.html"
    success_message = "The support request is recorded. Decide on it, with a reply, below."

    def get_initial(self):
        initial = {"received_on": timezone.localdate()}
        if organisation_id := parse_id(self.request.GET.get("organisation")):
            initial["organisation"] = organisation_id
        return initial


def _detail_context(support_request: SupportRequest, form: SupportDecisionForm) -> dict:
    return {
        "support_request": support_request,
        "form": form,
        "guidance": guidance.DECLINING_SUPPORT,
    }


class SupportRequestDetailView(StaffRequiredMixin, DetailView):
    template_name = "partnerships/support_detail.html"
    context_object_name = "support_request"
    queryset = SupportRequest.objects.select_related("organisation", "decided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_detail_context(self.object, SupportDecisionForm()))
        return context


@require_POST
@staff_required
def support_request_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    support_request = get_object_or_404(
        SupportRequest.objects.select_related("organisation"), pk=pk
    )
    form = SupportDecisionForm(request.POST)
    if form.is_valid():
        with refusal_as_message(request, _("The decision and the reply are recorded.")):
            support_request_decide(
                support_request=support_request, by=request.user, **form.cleaned_data
            )
        return redirect(support_request.get_absolute_url())
    return render(
        request,
        "partnerships/support_detail.html",
        _detail_context(support_request, form),
    )
