"""The risk register, assessment pages and the event advisor's pages (staff), and the
advice section of a local group's request form (htmx)."""

from typing import cast

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView

from accounts.errors import ServiceRefused
from accounts.roles import (
    StaffRequiredMixin,
    is_local_group,
    staff_required,
)
from accounts.typing import AuthenticatedRequest
from partnerships.models import Organisation, PartnershipRequest, Visibility
from partnerships.views.common import ForgivingPaginationMixin, SortOptionsMixin

from . import selectors
from .advisor import InvalidEvent, advise_json
from .filters import RiskAssessmentFilter
from .forms import AdviceForm, RiskAssessmentForm, RiskLineFormSet, blank_line_initial
from .models import RiskAssessment, RiskAssessmentQuerySet, RiskLine
from .services import may_ask_advice, request_advice_record, risk_assessment_save


class RegisterView(StaffRequiredMixin, SortOptionsMixin, ForgivingPaginationMixin, ListView):
    """Open assessments, those due for review, and the residual heatmap, all filtered alike."""

    template_name = "risk/register.html"
    context_object_name = "assessments"
    paginate_by = 25
    sort_options = {
        # Open (draft) assessments first.
        "open": ("Open first", selectors.REGISTER_ORDER),
        "review": ("Review date", ("review_on", "pk")),
    }

    def get_queryset(self):
        self.filterset = RiskAssessmentFilter(
            self.request.GET or None, queryset=selectors.register_assessments()
        )
        queryset = (
            self.filterset.qs if self.filterset.is_bound else selectors.register_assessments()
        )
        # No DISTINCT: every filter keeps to ids (with_line_of, concerning), and
        # DISTINCT sorted every assessment for each page (the bench: 188 ms at 20,000).
        return self.order_queryset(queryset)

    def get_context_data(self, **kwargs) -> dict:
        assessments = cast(RiskAssessmentQuerySet, self.object_list)
        chosen = self.filterset.form.cleaned_data if self.filterset.is_bound and self.filterset.is_valid() else {}  # fmt: skip
        lines = RiskLine.objects.all()
        if any(chosen.values()):
            # Unfiltered, every line is one of the register's: the heatmap then counts
            # them from their index alone, without looking up 20,000 assessments.
            lines = lines.filter(assessment__in=assessments.values("pk"))
        if chosen.get("risk_type"):
            lines = lines.filter(risk_type=chosen["risk_type"])
        return super().get_context_data(
            filter=self.filterset,
            heatmap=selectors.residual_heatmap(lines),
            today=timezone.localdate(),
            **selectors.register_summary(assessments, today=timezone.localdate()),
            **kwargs,
        )


class AssessmentDetailView(StaffRequiredMixin, DetailView):
    template_name = "risk/assessment_detail.html"
    context_object_name = "assessment"

    def get_queryset(self):
        return selectors.register_assessments().prefetch_related("lines")

    def get_context_data(self, **kwargs) -> dict:
        history = LogEntry.objects.get_for_object(self.object).select_related("actor")[:20]
        return super().get_context_data(history=history, **kwargs)


class AssessmentFormView(StaffRequiredMixin, TemplateView):
    """Create or edit: the assessment and its lines, saved together by the service."""

    template_name = "risk/assessment_form.html"

    def get_object(self) -> RiskAssessment:
        return RiskAssessment()

    def _forms(self, data=None):
        assessment = self.get_object()
        form = RiskAssessmentForm(data, instance=assessment, initial=self._initial_target())
        formset = RiskLineFormSet(
            data,
            instance=form.instance,
            prefix="lines",
            initial=blank_line_initial({line.risk_type for line in assessment.lines.all()})
            if assessment.pk
            else blank_line_initial(set()),
        )
        formset.extra = len(formset.initial_extra or [])
        return form, formset

    def _initial_target(self) -> dict:
        return {
            name: self.request.GET[name]
            for name in ("partnership_request", "partnership", "organisation")
            if self.request.GET.get(name, "").isascii() and self.request.GET.get(name, "").isdigit()
        }

    def get(self, request, *args, **kwargs) -> HttpResponse:
        form, formset = self._forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs) -> HttpResponse:
        form, formset = self._forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                assessment = risk_assessment_save(
                    user=request.user,
                    assessment=form.save(commit=False),
                    lines=formset.save(commit=False),
                    delete_lines=formset.deleted_objects,
                )
            except ServiceRefused as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Saved: %(rating)s.")
                    % {"rating": assessment.get_rating_display() or _("not rated")},
                )
                return redirect(assessment)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class AssessmentCreateView(AssessmentFormView):
    pass


class AssessmentUpdateView(AssessmentFormView):
    def get_object(self) -> RiskAssessment:
        return get_object_or_404(
            RiskAssessment.objects.prefetch_related("lines"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(assessment=kwargs["form"].instance, **kwargs)


# --- The event advisor ------------------------------------------------------------------------


@staff_required
def advice_page(request: AuthenticatedRequest) -> HttpResponse:
    """Staff describe a planned event and get the advice (updated live with htmx)."""
    form = AdviceForm(prefix="advice")
    return TemplateResponse(request, "risk/advice.html", {"advice_form": form})


def _organisation_for_advice(request: AuthenticatedRequest) -> Organisation | None:
    raw = request.POST.get("advice-organisation", "")
    if raw.isascii() and raw.isdigit():
        return Organisation.objects.prefetch_related("affiliations").filter(pk=raw).first()
    return None


def _draft_for_advice(request: AuthenticatedRequest) -> PartnershipRequest | None:
    raw = request.POST.get("advice-request", "")
    group_id = request.user.local_group_id
    if not (is_local_group(request.user) and group_id and raw.isascii() and raw.isdigit()):
        return None
    return PartnershipRequest.objects.for_group(group_id).filter(pk=raw).first()


def _visibility_difference(proposed: str, advice: dict) -> str:
    if proposed not in selectors.REQUEST_VISIBILITY_AS_ADVICE:
        return ""
    if selectors.REQUEST_VISIBILITY_AS_ADVICE[proposed] == advice["visibility"]:
        return ""
    advised = selectors.ADVICE_VISIBILITY_LABELS[advice["visibility"]]
    return _("You propose %(proposed)s; the advice is %(advised)s.") % {
        "proposed": str(dict(Visibility.choices)[proposed]).lower(),
        "advised": str(advised).lower(),
    }


@require_POST
def advice_preview(request: AuthenticatedRequest) -> HttpResponse:
    """The advice fragment for the fields filled in so far. A local group's advice is
    recorded (services.request_advice_record), so the coordinators later see what it
    was told."""
    if not may_ask_advice(request.user):
        raise PermissionDenied
    form = AdviceForm(request.POST, prefix="advice")
    context: dict = {"proposed": request.POST.get("visibility", "")}
    if form.is_valid():
        draft = _draft_for_advice(request)
        organisation = draft.organisation if draft else _organisation_for_advice(request)
        event = form.event(title=request.POST.get("activity_title", ""), organisation=organisation)
        try:
            context["advice"] = advise_json(event)
        except InvalidEvent as error:
            context["error"] = str(error)
        else:
            context["visibility_label"] = selectors.ADVICE_VISIBILITY_LABELS[context["advice"]["visibility"]]  # fmt: skip
            context["proposed_differs"] = _visibility_difference(request.POST.get("visibility", ""), context["advice"])  # fmt: skip
            if is_local_group(request.user):
                request_advice_record(
                    user=request.user,
                    token=request.POST.get("advice-token", ""),
                    event=event,
                    advice=context["advice"],
                    partnership_request=draft,
                )
    else:
        context["error"] = " ".join(f"{name}: {' '.join(str(error) for error in errors)}" for name, errors in form.errors.items())  # fmt: skip
    return TemplateResponse(request, "risk/_advice_result.html", context)
