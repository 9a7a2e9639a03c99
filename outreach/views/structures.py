"""Outreach structures, their members and, for networks, mailings and members' reports."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView, View

from accounts.errors import ServiceFormMixin, refusal_as_message
from accounts.models import User
from accounts.roles import StaffRequiredMixin
from outreach.forms.structures import (
    ActionReportForm,
    NetworkMailingForm,
    OutreachStructureForm,
    StructureMemberAddForm,
)
from outreach.models import (
    ActionReport,
    Contact,
    NetworkMailing,
    OutreachStructure,
    StructureKind,
    StructureMember,
)
from outreach.services.structures import (
    action_report_record,
    network_mailing_create,
    structure_member_add,
    structure_member_remove,
    structure_save,
)
from partnerships.views.common import search_text

from .mixins import SearchSortMixin, log_at_risk_shown

MEMBER_SEARCH_LIMIT = 10


class StructureListView(StaffRequiredMixin, SearchSortMixin, ListView):
    model = OutreachStructure
    template_name = "outreach/structure_list.html"
    context_object_name = "structures"
    search_fields = ("name", "brief", "sector__name")
    sort_options = {
        "name": ("Name", ("name", "pk")),
        "kind": ("Kind", ("kind", "name", "pk")),
        "sector": ("Sector", ("sector__name", "name", "pk")),
    }

    def filter_queryset(self, queryset):
        visible = StructureMember.objects.visible_to(self.request.user)
        queryset = queryset.select_related("sector", "local_group").annotate(
            member_count=Count("members", filter=Q(members__in=visible), distinct=True)
        )
        kind = self.request.GET.get("kind", "")
        return queryset.filter(kind=kind) if kind in StructureKind.values else queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=StructureKind.choices, kind=self.request.GET.get("kind", ""), **kwargs
        )


class StructureDetailView(StaffRequiredMixin, DetailView):
    model = OutreachStructure
    template_name = "outreach/structure_detail.html"
    context_object_name = "structure"
    mailings_shown = 20

    def get_queryset(self):
        return super().get_queryset().select_related("sector", "local_group", "coordinator")

    def get_context_data(self, **kwargs):
        structure = self.object
        user = self.request.user
        members = list(
            structure.members.visible_to(user)
            .select_related("user", "contact")
            .annotate(report_count=Count("action_reports"))
        )
        log_at_risk_shown(self.request, [member.contact for member in members])
        reports = ActionReport.objects.visible_to(user)
        mailings = structure.mailings.annotate(
            report_count=Count("reports", filter=Q(reports__in=reports))
        ).prefetch_related(
            Prefetch("reports", queryset=reports.select_related("member__user", "member__contact"))
        )[: self.mailings_shown]
        return super().get_context_data(
            members=members,
            mailings=mailings,
            mailing_form=NetworkMailingForm() if structure.is_network else None,
            **self._member_search(structure),
            **kwargs,
        )

    def _member_search(self, structure) -> dict:
        query = search_text(self.request)
        if not query:
            return {"query": ""}
        users = (
            User.objects.filter(is_active=True, local_group__isnull=True)
            .filter(
                Q(username__icontains=query)
                | Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
            )
            .exclude(structure_memberships__structure=structure)
            .order_by("username")[:MEMBER_SEARCH_LIMIT]
        )
        contacts = (
            Contact.objects.visible_to(self.request.user)
            .filter(
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )
            .exclude(structure_memberships__structure=structure)
            .order_by("last_name", "first_name")[:MEMBER_SEARCH_LIMIT]
        )
        return {"query": query, "user_candidates": users, "contact_candidates": contacts}


class StructureFormMixin(StaffRequiredMixin, ServiceFormMixin):
    model = OutreachStructure
    form_class = OutreachStructureForm
    template_name = "outreach/structure_form.html"

    def perform(self, form) -> tuple[str, str]:
        self.object = structure_save(structure=form.save(commit=False))
        return f"Saved “{self.object}”.", self.object.get_absolute_url()


class StructureCreateView(StructureFormMixin, CreateView):
    pass


class StructureUpdateView(StructureFormMixin, UpdateView):
    pass


class StructureMemberAddView(StaffRequiredMixin, View):
    """POST only: add a user or a contact (one of `user` / `contact` in the form data)."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        structure = get_object_or_404(OutreachStructure, pk=pk)
        form = StructureMemberAddForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(
                request,
                _("Nobody was added: %(errors)s") % {"errors": " ".join(_form_errors(form))},
            )
            return redirect(structure.get_absolute_url())
        with refusal_as_message(request) as outcome:
            member = structure_member_add(structure=structure, **form.cleaned_data)
            outcome.success = f"{member} joined {structure}."
        return redirect(structure.get_absolute_url())


def _form_errors(form) -> list[str]:
    return [message for messages_ in form.errors.values() for message in messages_]


class StructureMemberRemoveView(StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int, member_pk: int):
        # A hidden member is not there at all: 404, nothing named, nothing deleted.
        visible = StructureMember.objects.visible_to(request.user)
        member = get_object_or_404(visible, pk=member_pk, structure_id=pk)
        structure_member_remove(member=member)
        messages.success(
            request,
            _("%(member)s left %(structure)s.") % {"member": member, "structure": member.structure},
        )
        return redirect(member.structure.get_absolute_url())


class NetworkMailingCreateView(StaffRequiredMixin, ServiceFormMixin, FormView):
    form_class = NetworkMailingForm
    template_name = "outreach/network_mailing_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.structure = get_object_or_404(OutreachStructure, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form) -> tuple[str, str]:
        mailing = network_mailing_create(structure=self.structure, **form.cleaned_data)
        return f"Recorded the mailing “{mailing.title}”.", self.structure.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(structure=self.structure, **kwargs)


class ActionReportCreateView(StaffRequiredMixin, ServiceFormMixin, FormView):
    form_class = ActionReportForm
    template_name = "outreach/action_report_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.mailing = get_object_or_404(
            NetworkMailing.objects.select_related("structure"),
            pk=kwargs["mailing_pk"],
            structure_id=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "mailing": self.mailing,
            "user": self.request.user,
        }

    def perform(self, form) -> tuple[str, str]:
        action_report_record(mailing=self.mailing, **form.cleaned_data)
        return "Recorded what the member reported.", self.mailing.structure.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(mailing=self.mailing, **kwargs)
