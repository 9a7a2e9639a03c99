"""Joint activities, their evaluations, the partnership's evaluation page, lessons,
next steps, and the partner's anonymous form. Thin: parse, call a service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from accounts.roles import StaffRequiredMixin, is_section_staff, staff_required
from accounts.typing import AuthenticatedRequest
from partnerships.views.common import ForgivingPaginationMixin, SortOptionsMixin, search_text

from . import selectors
from .forms import (
    ActivityForm,
    EvaluationForm,
    LessonSearchForm,
    PartnerAnswerForm,
    PartnerLinkForm,
    TargetFormSet,
)
from .models import Evaluation, JointActivity, NextStep, NextStepKind
from .services.activities import activity_create, activity_update
from .services.common import EvaluationRefused, may_change, may_record_under
from .services.evaluations import (
    evaluation_initial,
    evaluation_save,
    next_step_conclude_partnership,
    next_step_done,
)
from .services.lessons import lesson_record
from .services.partner import (
    LinkProblem,
    partner_answer_record,
    partner_link_check,
    partner_link_create,
)


def _visible_activities(request: AuthenticatedRequest):
    return JointActivity.objects.visible_to(request.user).select_related(
        "partnership", "coalition", "evaluation"
    )


def _activity_or_404(request: AuthenticatedRequest, pk: int) -> JointActivity:
    return get_object_or_404(_visible_activities(request), pk=pk)


def _partnership_or_404(request: AuthenticatedRequest, pk: int):
    return get_object_or_404(selectors.partnerships_visible_to(request.user), pk=pk)


class ActivityListView(SortOptionsMixin, ForgivingPaginationMixin, ListView):
    template_name = "evaluation/activity_list.html"
    request: AuthenticatedRequest
    context_object_name = "activities"
    paginate_by = 25
    sort_options = {
        "newest": ("Latest first", ("-ends_on", "-pk")),
        "title": ("Title", ("title", "pk")),
    }

    def get_queryset(self):
        activities = _visible_activities(self.request)
        if query := search_text(self.request):
            activities = activities.filter(title__icontains=query)
        return self.order_queryset(activities)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            query=search_text(self.request),
            may_record=is_section_staff(self.request.user)
            or selectors.partnerships_visible_to(self.request.user).active().exists(),
            **kwargs,
        )


class ActivityDetailView(DetailView):
    template_name = "evaluation/activity_detail.html"
    request: AuthenticatedRequest
    context_object_name = "activity"

    def get_queryset(self):
        return _visible_activities(self.request)

    def get_context_data(self, **kwargs) -> dict:
        activity = self.object
        default_email = ""
        if activity.partnership_id:
            first = activity.partnership.organisations.exclude(email="").first()
            default_email = first.email if first else ""
        return super().get_context_data(
            evaluation=getattr(activity, "evaluation", None),
            partner_answers=list(activity.partner_answers.all()),
            partner_links=list(activity.partner_links.all()),
            link_form=PartnerLinkForm(initial={"email": default_email}),
            may_change=may_change(self.request.user, activity),
            chart_rows=selectors.target_rows(activity.targets.select_related("activity")),
            **kwargs,
        )


def _activity_form_page(
    request: AuthenticatedRequest, activity: JointActivity | None
) -> HttpResponse:
    staff = is_section_staff(request.user)
    initial = {"partnership": request.GET.get("partnership")} if activity is None else None
    form = ActivityForm(
        request.POST or None, instance=activity, initial=initial, user=request.user, staff=staff
    )
    formset = TargetFormSet(request.POST or None, instance=activity, prefix="targets")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                if activity is None:
                    activity = activity_create(
                        user=request.user,
                        details=form.details(),
                        partnership=form.cleaned_data.get("partnership"),
                        coalition=form.cleaned_data.get("coalition"),
                    )
                else:
                    activity = activity_update(
                        activity=activity, user=request.user, details=form.details()
                    )
                formset.instance = activity
                formset.save()
        except EvaluationRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Saved {activity}.")
            return redirect(activity)
    return render(
        request,
        "evaluation/activity_form.html",
        {"form": form, "formset": formset, "activity": activity},
    )


def activity_create_view(request: AuthenticatedRequest) -> HttpResponse:
    if not (
        is_section_staff(request.user) or selectors.partnerships_visible_to(request.user).exists()
    ):
        raise PermissionDenied
    return _activity_form_page(request, None)


def activity_update_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    if not may_change(request.user, activity):
        raise PermissionDenied
    return _activity_form_page(request, activity)


def activity_chart_data(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    return JsonResponse(selectors.activity_chart(_activity_or_404(request, pk)))


def evaluation_form_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    if not may_change(request.user, activity):
        raise PermissionDenied
    evaluation = Evaluation.objects.filter(activity=activity).first()
    if evaluation and evaluation.is_complete:
        messages.info(request, "This evaluation is complete.")
        return redirect(activity)
    form = EvaluationForm(
        request.POST or None,
        instance=evaluation,
        initial=None if evaluation else evaluation_initial(activity),
    )
    if request.method == "POST" and form.is_valid():
        complete = "complete" in request.POST
        try:
            with transaction.atomic():
                saved = evaluation_save(
                    activity=activity, user=request.user, answers=form.answers(), complete=complete
                )
                if form.cleaned_data["lesson"].strip():
                    lesson_record(
                        evaluation=saved, user=request.user, text=form.cleaned_data["lesson"]
                    )
        except EvaluationRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "The evaluation is complete." if complete else "The draft is saved."
            )
            return redirect(activity)
    return render(request, "evaluation/evaluation_form.html", {"form": form, "activity": activity})


@require_POST
def partner_link_send_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request, pk)
    form = PartnerLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the partner contact's e-mail address.")
        return redirect(activity)
    try:
        link = partner_link_create(
            activity=activity, user=request.user, email=form.cleaned_data["email"]
        )
    except EvaluationRefused as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, f"A link to the partner's form is on its way to {link.email}.")
    return redirect(activity)


class PartnershipEvaluationView(DetailView):
    """A partnership's activities, targets, both sides' evaluations and the rating trend."""

    template_name = "evaluation/partnership.html"
    context_object_name = "partnership"
    request: AuthenticatedRequest

    def get_object(self, queryset=None):
        return _partnership_or_404(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs) -> dict:
        partnership = self.object
        return super().get_context_data(
            overviews=selectors.partnership_activities(partnership),
            chart=selectors.partnership_chart(partnership),
            organisations=list(partnership.organisations.all()),
            # The service's rule (activity_create asks it too), not the template's.
            may_record=may_record_under(self.request.user, partnership=partnership),
            **kwargs,
        )


def partnership_chart_data(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    return JsonResponse(selectors.partnership_chart(_partnership_or_404(request, pk)))


class LessonListView(StaffRequiredMixin, ForgivingPaginationMixin, ListView):
    template_name = "evaluation/lesson_list.html"
    context_object_name = "lessons"
    paginate_by = 25

    def get_queryset(self):
        form = LessonSearchForm(self.request.GET)
        text = form.cleaned_data["q"] if form.is_valid() else ""
        return selectors.lesson_search(text)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(query=search_text(self.request), **kwargs)


@staff_required
def next_step_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A next step an evaluation set; "conclude" asks for confirmation before concluding."""
    step = get_object_or_404(
        NextStep.objects.select_related("activity__partnership", "organisation"), pk=pk
    )
    if request.method == "POST":
        try:
            if step.kind == NextStepKind.CONCLUDE and "conclude" in request.POST:
                next_step_conclude_partnership(step=step, user=request.user)
                messages.success(
                    request, f"The partnership {step.activity.partnership} is concluded."
                )
            else:
                next_step_done(step=step, user=request.user)
                messages.success(request, "Marked done.")
        except EvaluationRefused as error:
            messages.error(request, error.message)
        return redirect("evaluation:next_step", pk=step.pk)
    return render(request, "evaluation/next_step.html", {"step": step})


# ---------------------------------------------------------------------------
# The partner's form: anonymous, behind a signed link

PROBLEM_PAGES = {
    LinkProblem.EXPIRED: ("This link has expired", "Links to our questions stay valid for {days} days."),
    LinkProblem.USED: ("Thank you, we have your answers", "This link has been used already: each link can be answered once."),
    LinkProblem.TAMPERED: ("This link is not valid", "The address may be incomplete: please use the link exactly as it is in the e-mail."),
    LinkProblem.OTHER_ACTIVITY: ("This link is not valid", "The link belongs to another activity: please use the link exactly as it is in the e-mail."),
}  # fmt: skip


def _problem_page(request: HttpRequest, problem: LinkProblem) -> HttpResponse:
    title, text = PROBLEM_PAGES[problem]
    days = settings.EVALUATION_PARTNER_LINK_MAX_AGE // 86400
    return render(
        request,
        "evaluation/partner_problem.html",
        {"title": title, "text": text.format(days=days), "problem": problem.value},
        status=200
        if problem == LinkProblem.USED
        else 410
        if problem == LinkProblem.EXPIRED
        else 404,
    )


@login_not_required
def partner_answer_view(request: HttpRequest, activity_pk: int, token: str) -> HttpResponse:
    check = partner_link_check(token=token, activity_id=activity_pk)
    if check.problem:
        return _problem_page(request, check.problem)
    link = check.link
    assert link is not None  # a check without a problem names its link
    form = PartnerAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner_answer_record(link=link, answers=form.cleaned_data)
        except EvaluationRefused:
            return _problem_page(request, LinkProblem.USED)
        return render(request, "evaluation/partner_thanks.html", {"activity": link.activity})
    return render(
        request, "evaluation/partner_form.html", {"form": form, "activity": link.activity}
    )
