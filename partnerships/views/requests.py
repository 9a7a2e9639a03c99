"""A local group's partnership requests: list, new request, detail, withdraw, answer.

Every queryset is scoped to the user's own group, so another group's request is 404.
"""

from collections.abc import Callable

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView

from accounts.errors import refusal_as_message
from accounts.roles import LocalGroupRequiredMixin, local_group_required
from partnerships.forms.requests import (
    AnswerForm,
    NewOrganisationForm,
    PartnershipRequestForm,
    WithdrawForm,
)
from partnerships.models import Organisation, PartnershipRequest, RequestStatus
from partnerships.selectors import find_existing_relationships
from partnerships.services.requests import (
    allowed_actions,
    partnership_request_answer,
    partnership_request_create,
    partnership_request_submit,
    partnership_request_update,
    partnership_request_withdraw,
)
from partnerships.views.common import (
    ForgivingPaginationMixin,
    SortOptionsMixin,
    parse_id,
    search_text,
)


def _own_requests(request: HttpRequest):
    return PartnershipRequest.objects.for_group(request.user.local_group_id).select_related(
        "organisation"
    )


def _own_request(request: HttpRequest, pk: int) -> PartnershipRequest:
    return get_object_or_404(_own_requests(request), pk=pk)


class MyRequestsView(LocalGroupRequiredMixin, SortOptionsMixin, ForgivingPaginationMixin, ListView):
    template_name = "partnerships/my_requests.html"
    context_object_name = "partnership_requests"
    paginate_by = 20
    sort_options = {
        "updated": ("Last updated", ("-updated_at", "-pk")),
        "starts": ("Starts", ("activity_starts_on", "pk")),
    }

    def get_queryset(self):
        queryset = self.order_queryset(_own_requests(self.request))
        status = self.request.GET.get("status", "")
        return queryset.filter(status=status) if status in RequestStatus.values else queryset

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            statuses=RequestStatus.choices,
            current_status=self.request.GET.get("status", ""),
            **kwargs,
        )


class OrganisationPickView(LocalGroupRequiredMixin, ForgivingPaginationMixin, ListView):
    """Step one of a new request: find the organisation in the registry, or describe it."""

    template_name = "partnerships/request_pick_organisation.html"
    context_object_name = "organisations"
    paginate_by = 20

    def get_queryset(self):
        query = search_text(self.request)
        if not query:
            return Organisation.objects.none()
        return Organisation.objects.filter(
            Q(name__icontains=query) | Q(acronym__iexact=query) | Q(website_domain__icontains=query)
        ).order_by("name")

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(query=search_text(self.request), **kwargs)


class RequestCreateView(LocalGroupRequiredMixin, TemplateView):
    """Step two: the request itself, on a registry organisation (?organisation=<id>)
    or on a new one described here; both show the existing-relationship check."""

    template_name = "partnerships/request_form.html"

    organisation: Organisation | None = None

    def _load_organisation(self) -> None:
        raw = self.request.GET.get("organisation", "")
        if raw:
            self.organisation = get_object_or_404(Organisation, pk=parse_id(raw))

    def get(self, request, *args, **kwargs) -> HttpResponse:
        self._load_organisation()
        return self._render(PartnershipRequestForm(), NewOrganisationForm(prefix="new"))

    def post(self, request, *args, **kwargs) -> HttpResponse:
        self._load_organisation()
        if "choose" in request.POST:
            return self._choose(request)
        form = PartnershipRequestForm(request.POST)
        new_form = None if self.organisation else NewOrganisationForm(request.POST, prefix="new")
        new_form_valid = new_form is None or new_form.is_valid()
        if not (form.is_valid() and new_form_valid):
            return self._render(form, new_form)
        with refusal_as_message(request) as outcome:
            created = partnership_request_create(
                user=request.user,
                details=form.details(),
                organisation=self.organisation,
                new_organisation=new_form.description() if new_form else None,
                submit="submit" in request.POST,
                confirmed_different=bool(new_form and new_form.cleaned_data["confirm_new"]),
            )
            outcome.success = _created_message(created)
        if outcome.refused:
            return self._render(form, new_form)
        return redirect("partnerships:request_detail", created.pk)

    def _choose(self, request) -> HttpResponse:
        """ "Choose this one" on a match: the registry organisation replaces the one being
        described, and everything typed in the request so far stays."""
        raw = request.POST.get("choose", "")
        self.organisation = get_object_or_404(
            Organisation, pk=int(raw) if raw.isascii() and raw.isdigit() else None
        )
        typed = PartnershipRequestForm(request.POST)
        kept = PartnershipRequestForm(initial={name: typed[name].value() for name in typed.fields})
        return self._render(kept, None)

    def _render(self, form, new_form) -> HttpResponse:
        if self.organisation is not None:
            org = self.organisation
            matches = find_existing_relationships(
                name=org.name, acronym=org.acronym, website=org.website, email=org.email
            )
        else:
            matches = new_form.matches if new_form is not None else []
        return self.render_to_response(
            self.get_context_data(
                form=form,
                new_form=new_form if self.organisation is None else None,
                organisation=self.organisation,
                matches=matches,
            )
        )


def _created_message(created: PartnershipRequest) -> str:
    if created.status == RequestStatus.NOTED:
        return "Your request is noted: its methods need no authorisation, so you can go ahead."
    if created.status == RequestStatus.SUBMITTED:
        return "Your request is submitted. The coordinators will review it."
    return "Your request is saved as a draft. Submit it when it is ready."


class OwnRequestMixin(LocalGroupRequiredMixin):
    """One of the group's own requests; any other is 404."""

    context_object_name = "partnership_request"

    def get_queryset(self):
        return _own_requests(self.request)


class RequestDetailView(OwnRequestMixin, DetailView):
    template_name = "partnerships/request_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        # The internal note is never even loaded for the group's page.
        events = list(self.object.events.select_related("actor").defer("internal_note"))
        current = [event for event in events if event.to_status == self.object.status]
        return super().get_context_data(
            events=events,
            latest=current[-1] if current else None,
            actions=allowed_actions(self.request.user, self.object),
            answer_form=AnswerForm(),
            **kwargs,
        )


class RequestUpdateView(OwnRequestMixin, DetailView):
    """Change a draft; it can be submitted from the same form."""

    template_name = "partnerships/request_form.html"

    def get_context_data(self, **kwargs) -> dict:
        kwargs.setdefault("form", PartnershipRequestForm(instance=self.object))
        return super().get_context_data(organisation=self.object.organisation, **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.object = self.get_object()
        form = PartnershipRequestForm(request.POST, instance=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))

        def save(obj: PartnershipRequest) -> str:
            updated = partnership_request_update(
                partnership_request=obj, user=request.user, details=form.details()
            )
            if "submit" in request.POST:
                updated = partnership_request_submit(partnership_request=updated, user=request.user)
            return _created_message(updated)

        return _act(request, pk, save)


def _act(
    request: HttpRequest, pk: int, perform: Callable[[PartnershipRequest], str]
) -> HttpResponse:
    """Run one move on the group's own request; a refused move becomes a message."""
    partnership_request = _own_request(request, pk)
    with refusal_as_message(request) as outcome:
        outcome.success = perform(partnership_request)
    return redirect("partnerships:request_detail", pk)


@require_POST
@local_group_required
def request_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda obj: _created_message(
            partnership_request_submit(partnership_request=obj, user=request.user)
        ),
    )


@require_POST
@local_group_required
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        _own_request(request, pk)  # another group's request stays 404
        messages.error(request, _("Write your answer before sending it."))
        return redirect("partnerships:request_detail", pk)

    def answer(obj: PartnershipRequest) -> str:
        partnership_request_answer(
            partnership_request=obj, user=request.user, answer=form.cleaned_data["answer"]
        )
        return "Your answer is sent; the request is back with the coordinators."

    return _act(request, pk, answer)


class RequestWithdrawView(OwnRequestMixin, DetailView):
    """A confirmation page first: withdrawing cannot be undone."""

    template_name = "partnerships/request_withdraw.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(form=WithdrawForm(), **kwargs)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = WithdrawForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""

        def withdraw(obj: PartnershipRequest) -> str:
            partnership_request_withdraw(
                partnership_request=obj, user=request.user, comment=comment
            )
            return "Your request is withdrawn."

        return _act(request, pk, withdraw)
