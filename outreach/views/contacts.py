"""Staff pages for contacts: list, detail (logged for people at risk), create, edit, consent."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.errors import refusal_as_message
from accounts.roles import StaffRequiredMixin, staff_required
from partnerships.views.common import ForgivingPaginationMixin, SortableFilterMixin

from ..filters import AccessLogFilter, ContactFilter
from ..forms.contacts import ConsentForm, ContactForm, EmploymentForm
from ..models import AT_RISK_PERMISSION, AtRiskAccessLog, Contact, Employment
from ..selectors.publications import publications_for_contact
from ..services import contacts as services
from ..services import mailings as mailing_services
from .mixins import log_at_risk_shown

PAGE_SIZE = 25


def visible_contact(request: HttpRequest, pk: int) -> Contact:
    # A person at risk is a 404 to anyone without the permission, as if absent.
    return get_object_or_404(Contact.objects.visible_to(request.user), pk=pk)


class ContactListView(StaffRequiredMixin, SortableFilterMixin, ForgivingPaginationMixin, ListView):
    default_sort = "name"
    template_name = "outreach/contact_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        queryset = (
            Contact.objects.visible_to(self.request.user)
            .select_related("owner")
            .prefetch_related(
                "sectors",
                Prefetch(
                    "employments",
                    queryset=Employment.objects.filter(end_date__isnull=True).select_related(
                        "organisation"
                    ),
                    to_attr="current_employments",
                ),
            )
        )
        self.filterset = ContactFilter(self.request.GET or None, queryset=queryset)
        qs = self.filterset.qs
        # A stable order keeps pages from repeating or skipping rows.
        return qs if qs.query.order_by else qs.order_by("last_name", "first_name", "pk")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        if self.request.GET.get("q"):  # search results name who matched: logged
            log_at_risk_shown(self.request, context["object_list"])
        return context | dict(
            filter=self.filterset,
            may_see_at_risk=self.request.user.has_perm(AT_RISK_PERMISSION),
        )


class ContactDetailView(StaffRequiredMixin, DetailView):
    template_name = "outreach/contact_detail.html"
    publications_shown = 20
    approaches_shown = 50

    def get_queryset(self):
        return (
            Contact.objects.visible_to(self.request.user)
            .select_related("owner")
            .prefetch_related("keywords")
        )

    def get_object(self, queryset=None) -> Contact:
        contact = super().get_object(queryset)
        services.at_risk_access_log(
            contacts=[contact], user=self.request.user, page=self.request.path
        )
        return contact

    def get_context_data(self, **kwargs) -> dict:
        contact = self.object
        return super().get_context_data(
            employments=contact.employments.select_related("organisation"),
            # The latest ones: a contact approached for years has hundreds.
            approaches=contact.approaches.select_related("organisation", "follow_up_owner")[
                : self.approaches_shown
            ],
            sectors=contact.sectors.all(),
            keywords=contact.keywords.all(),
            # Seed 001: prioritised contacts get the publications matching their interests.
            contact_publications=publications_for_contact(contact=contact)[
                : self.publications_shown
            ],
            access_logs=contact.access_logs.select_related("user")[:20]
            if contact.is_at_risk
            else [],
            consent_form=ConsentForm(),
            employment_form=EmploymentForm(),
            **kwargs,
        )


class ContactCreateView(StaffRequiredMixin, CreateView):
    template_name = "outreach/contact_form.html"
    form_class = ContactForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict:
        return {"owner": self.request.user}

    def form_valid(self, form) -> HttpResponse:
        data = dict(form.cleaned_data)
        source = data.pop("consent_source", "")
        self.object = services.contact_create(
            created_by=self.request.user, data=data, consent_source=source
        )
        messages.success(self.request, f"Contact {self.object} added.")
        return redirect("outreach:contact_detail", pk=self.object.pk)


class ContactUpdateView(StaffRequiredMixin, UpdateView):
    template_name = "outreach/contact_form.html"
    form_class = ContactForm

    def get_queryset(self):
        return Contact.objects.visible_to(self.request.user)

    def get_object(self, queryset=None) -> Contact:
        contact = super().get_object(queryset)
        if self.request.method == "GET":  # the form shows the whole record
            services.at_risk_access_log(
                contacts=[contact], user=self.request.user, page=self.request.path
            )
        return contact

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form) -> HttpResponse:
        services.contact_update(
            contact=self.object, updated_by=self.request.user, data=form.cleaned_data
        )
        messages.success(self.request, "Changes saved.")
        return redirect("outreach:contact_detail", pk=self.object.pk)


def _detail(contact: Contact) -> HttpResponse:
    return redirect("outreach:contact_detail", pk=contact.pk)


@require_POST
@staff_required
def contact_give_consent(request: HttpRequest, pk: int) -> HttpResponse:
    contact = visible_contact(request, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say where the consent comes from."))
        return _detail(contact)
    with refusal_as_message(request, "Mailing consent recorded."):
        services.contact_give_consent(
            contact=contact, source=form.cleaned_data["source"], user=request.user
        )
    return _detail(contact)


def _contact_action(service, success: str):
    """A one-shot POST that applies a consent or status service to a visible contact."""

    @require_POST
    @staff_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        contact = visible_contact(request, pk)
        with refusal_as_message(request, success):
            service(contact=contact, user=request.user)
        return _detail(contact)

    return view


contact_withdraw_consent = _contact_action(
    services.contact_withdraw_consent, "Mailing consent withdrawn."
)
# Like the contact's own link: queued deliveries of mailings under way fail at once.
contact_unsubscribe = _contact_action(
    mailing_services.contact_unsubscribe_from_mailings, "Contact unsubscribed."
)
contact_mark_bounced = _contact_action(services.contact_mark_bounced, "Address marked as bounced.")


@require_POST
@staff_required
def employment_add(request: HttpRequest, pk: int) -> HttpResponse:
    contact = visible_contact(request, pk)
    form = EmploymentForm(request.POST)
    if form.is_valid():
        with refusal_as_message(request, "Organisation added."):
            services.employment_add(contact=contact, **form.cleaned_data)
    else:
        errors = "; ".join(f"{', '.join(e)}" for e in form.errors.values())
        messages.error(request, f"The organisation was not added: {errors}")
    return _detail(contact)


@require_POST
@staff_required
def employment_end(request: HttpRequest, pk: int, employment_pk: int) -> HttpResponse:
    contact = visible_contact(request, pk)
    employment = get_object_or_404(contact.employments, pk=employment_pk)
    with refusal_as_message(request, "Role marked as ended today."):
        services.employment_end(employment=employment)
    return _detail(contact)


@require_POST
@staff_required
def employment_remove(request: HttpRequest, pk: int, employment_pk: int) -> HttpResponse:
    contact = visible_contact(request, pk)
    employment = get_object_or_404(contact.employments, pk=employment_pk)
    services.employment_remove(employment=employment)
    messages.success(request, f"{employment.organisation} removed from {contact}.")
    return _detail(contact)


class AccessLogListView(
    StaffRequiredMixin, PermissionRequiredMixin, ForgivingPaginationMixin, ListView
):
    """Who opened or exported a record of a person at risk, and when."""

    permission_required = AT_RISK_PERMISSION
    template_name = "outreach/access_log.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = AtRiskAccessLog.objects.select_related("contact", "user")
        self.filterset = AccessLogFilter(self.request.GET or None, queryset=queryset)
        return self.filterset.qs

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(filter=self.filterset, **kwargs)
