"""Staff pages for coalitions and platforms: members, secretariat, meetings, joint statements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.errors import refusal_as_message
from accounts.roles import StaffRequiredMixin, staff_required
from partnerships.forms.coalitions import (
    AgreementForm,
    CoalitionForm,
    MeetingForm,
    MembershipFormSet,
    StatementForm,
)
from partnerships.models import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    Organisation,
)
from partnerships.rotation import secretariat_turns
from partnerships.selectors import statement_missing_agreements
from partnerships.services.coalitions import (
    statement_agreement_record,
    statement_agreement_withdraw,
    statement_issue,
    statement_section_agree,
)

from .common import ForgivingPaginationMixin, InlineFormSetMixin, search_text


def _with_members(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "memberships",
            queryset=CoalitionMembership.objects.select_related("organisation"),
        )
    )


class CoalitionListView(StaffRequiredMixin, ForgivingPaginationMixin, ListView):
    template_name = "partnerships/coalition_list.html"
    context_object_name = "coalitions"

    def get_queryset(self):
        queryset = Coalition.objects.annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__left_on__isnull=True), distinct=True
            ),
            meeting_count=Count("meetings", distinct=True),
        ).order_by("name")
        query = search_text(self.request)
        if query:
            queryset = queryset.filter(Q(name__icontains=query) | Q(purpose__icontains=query))
        return _with_members(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for coalition in context["coalitions"]:
            coalition.turns = secretariat_turns(coalition, coalition.memberships.all(), on=today)
        return context


class CoalitionDetailView(StaffRequiredMixin, DetailView):
    template_name = "partnerships/coalition_detail.html"
    context_object_name = "coalition"

    def get_queryset(self):
        return _with_members(Coalition.objects.all()).prefetch_related(
            "meetings",
            Prefetch(
                "statements",
                queryset=JointStatement.objects.annotate(agreement_count=Count("agreements")),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = list(self.object.memberships.all())
        context["current_members"] = [m for m in memberships if m.left_on is None]
        context["former_members"] = [m for m in memberships if m.left_on is not None]
        context["turns"] = secretariat_turns(self.object, memberships, on=timezone.localdate())
        return context


class CoalitionFormMixin(StaffRequiredMixin, InlineFormSetMixin):
    model = Coalition
    form_class = CoalitionForm
    template_name = "partnerships/coalition_form.html"
    formset_class = MembershipFormSet
    formset_name = "memberships"
    detail_url_name = "partnerships:coalition_detail"


class CoalitionCreateView(CoalitionFormMixin, CreateView):
    pass


class CoalitionUpdateView(CoalitionFormMixin, UpdateView):
    pass


class CoalitionChildMixin(StaffRequiredMixin):
    """Pages for a record that belongs to one coalition, named in the URL."""

    def dispatch(self, request, *args, **kwargs):
        self.coalition = get_object_or_404(Coalition, pk=kwargs["coalition_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.filter(coalition=self.coalition)

    def get_context_data(self, **kwargs):
        return super().get_context_data(coalition=self.coalition, **kwargs)

    def form_valid(self, form):
        form.instance.coalition = self.coalition
        messages.success(self.request, _("Saved."))
        return super().form_valid(form)


class MeetingFormMixin(CoalitionChildMixin):
    model = Meeting
    form_class = MeetingForm
    template_name = "partnerships/meeting_form.html"

    def get_success_url(self) -> str:
        return self.coalition.get_absolute_url() + "#meetings"


class MeetingCreateView(MeetingFormMixin, CreateView):
    def get_initial(self):
        return {"date": timezone.localdate()}


class MeetingUpdateView(MeetingFormMixin, UpdateView):
    pass


class StatementCreateView(CoalitionChildMixin, CreateView):
    model = JointStatement
    form_class = StatementForm
    template_name = "partnerships/statement_form.html"

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class StatementDetailView(StaffRequiredMixin, DetailView):
    template_name = "partnerships/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return JointStatement.objects.select_related("coalition", "issued_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        agreements = {
            a.organisation_id: a
            for a in statement.agreements.select_related("organisation", "recorded_by")
        }
        members = statement.coalition.memberships.current().select_related("organisation")
        context["rows"] = [(m, agreements.get(m.organisation_id)) for m in members]
        context["missing"] = statement_missing_agreements(statement)
        context["agreement_form"] = AgreementForm(statement=statement)
        return context


def _statement_action(request: HttpRequest, pk: int, action) -> HttpResponse:
    statement = get_object_or_404(JointStatement, pk=pk)
    with refusal_as_message(request) as outcome:
        outcome.success = action(statement)
    return redirect(statement.get_absolute_url())


@require_POST
@staff_required
def statement_agree(request: HttpRequest, pk: int) -> HttpResponse:
    def record(statement: JointStatement) -> str:
        form = AgreementForm(request.POST, statement=statement)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        statement_agreement_record(statement=statement, by=request.user, **form.cleaned_data)
        return f"Recorded the agreement of {form.cleaned_data['organisation']}."

    return _statement_action(request, pk, record)


@require_POST
@staff_required
def statement_withdraw(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    def withdraw(statement: JointStatement) -> str:
        organisation = get_object_or_404(Organisation, pk=organisation_pk)
        statement_agreement_withdraw(statement=statement, organisation=organisation)
        return f"Removed the agreement of {organisation}."

    return _statement_action(request, pk, withdraw)


@require_POST
@staff_required
def statement_section_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    agreed = request.POST.get("agreed") == "yes"

    def agree(statement: JointStatement) -> str:
        statement_section_agree(statement=statement, agreed=agreed)
        return (
            "Recorded the Section's agreement." if agreed else "Withdrew the Section's agreement."
        )

    return _statement_action(request, pk, agree)


@require_POST
@staff_required
def statement_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    def issue(statement: JointStatement) -> str:
        statement_issue(statement=statement, by=request.user)
        return "The joint statement is marked as issued."

    return _statement_action(request, pk, issue)
