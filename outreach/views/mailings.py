"""Urgent Action pages for staff, and the signed-link pages contacts use without an account."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.errors import refusal_as_message
from accounts.roles import StaffRequiredMixin, staff_required
from outreach.forms.mailings import FollowUpForm, InterestsForm, UrgentActionForm
from outreach.models import (
    ContactStatus,
    DeliveryStatus,
    Mailing,
    MailingKind,
    UrgentAction,
    UrgentActionStatus,
)
from outreach.selectors.mailings import mailing_progress, urgent_action_audience
from outreach.services import mailing_messages
from outreach.services import mailings as services
from outreach.services.ua_states import (
    mailing_allowed_actions,
    urgent_action_allowed_actions,
    urgent_action_awaits_approval,
)
from outreach.views.mixins import SearchSortMixin, log_at_risk_shown

AUDIENCE_SAMPLE_SIZE = 10


class UrgentActionListView(StaffRequiredMixin, SearchSortMixin, ListView):
    model = UrgentAction
    template_name = "outreach/mailing_ua_list.html"
    context_object_name = "urgent_actions"
    search_fields = ("reference", "title")
    sort_options = {
        "newest": ("Newest first", ("-created_at", "-pk")),
        "oldest": ("Oldest first", ("created_at", "pk")),
        "reference": ("Reference", ("reference", "pk")),
    }

    def filter_queryset(self, queryset):
        queryset = queryset.annotate(mailing_count=Count("mailings"))
        status = self.request.GET.get("status", "")
        return queryset.filter(status=status) if status in UrgentActionStatus.values else queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(statuses=UrgentActionStatus.choices, **kwargs)


class UrgentActionCreateView(StaffRequiredMixin, CreateView):
    model = UrgentAction
    form_class = UrgentActionForm
    template_name = "outreach/mailing_ua_form.html"

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse("outreach:ua_detail", args=[self.object.pk])


class UrgentActionUpdateView(StaffRequiredMixin, UpdateView):
    model = UrgentAction
    form_class = UrgentActionForm
    template_name = "outreach/mailing_ua_form.html"

    def get_object(self, queryset=None):
        ua = super().get_object(queryset)
        if "edit" not in urgent_action_allowed_actions(self.request.user, ua):
            # An approved text is what the coordinator approved: it cannot change.
            raise Http404(_("Only a draft can be edited."))
        return ua

    def get_success_url(self) -> str:
        return reverse("outreach:ua_detail", args=[self.object.pk])


class UrgentActionDetailView(StaffRequiredMixin, DetailView):
    model = UrgentAction
    template_name = "outreach/mailing_ua_detail.html"
    context_object_name = "ua"

    def get_queryset(self):
        return UrgentAction.objects.select_related("created_by", "approved_by").prefetch_related(
            "sectors", "keywords"
        )

    def get_context_data(self, **kwargs):
        ua = self.object
        audience = urgent_action_audience(ua)
        audience_count = audience.count()
        return super().get_context_data(
            body_html=ua.body_html or mailing_messages.markdown_to_html(ua.body),
            audience_count=audience_count,
            audience_sample=audience.order_by("last_name", "first_name")[:AUDIENCE_SAMPLE_SIZE],
            audience_more=max(audience_count - AUDIENCE_SAMPLE_SIZE, 0),
            mailings=ua.mailings.select_related("created_by"),
            actions=urgent_action_allowed_actions(self.request.user, ua),
            awaits_approval=urgent_action_awaits_approval(ua),
            follow_up_form=FollowUpForm(),
            **kwargs,
        )


def _urgent_action_move(service: Callable[..., UrgentAction], success: str) -> Callable:
    """A one-shot POST that applies one move of ua_states' table to an Urgent Action."""

    @require_POST
    @staff_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        ua = get_object_or_404(UrgentAction, pk=pk)
        with refusal_as_message(request, success.format(reference=ua.reference)):
            service(urgent_action=ua, user=request.user)
        return redirect("outreach:ua_detail", pk=ua.pk)

    return view


urgent_action_approve = _urgent_action_move(
    services.urgent_action_approve, "{reference} approved: it can now be sent."
)
urgent_action_cancel = _urgent_action_move(services.urgent_action_cancel, "{reference} cancelled.")


@require_POST
@staff_required
def urgent_action_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the UA, or send a follow-up when the form names one."""
    ua = get_object_or_404(UrgentAction, pk=pk)
    kind, note = MailingKind.ISSUED, ""
    if "kind" in request.POST:
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("A follow-up needs a kind (update or closed) and a note."))
            return redirect("outreach:ua_detail", pk=ua.pk)
        kind, note = form.cleaned_data["kind"], form.cleaned_data["note"]
    with refusal_as_message(request, "Mailing recorded and queued.") as outcome:
        mailing = services.mailing_create(urgent_action=ua, user=request.user, kind=kind, note=note)
    if outcome.refused:
        return redirect("outreach:ua_detail", pk=ua.pk)
    return redirect("outreach:mailing_detail", pk=mailing.pk)


class MailingDetailView(StaffRequiredMixin, DetailView):
    model = Mailing
    template_name = "outreach/mailing_detail.html"
    context_object_name = "mailing"
    per_page = 50

    def get_queryset(self):
        return Mailing.objects.select_related("urgent_action", "created_by")

    def get_context_data(self, **kwargs):
        # A recipient marked at risk after the mailing is no longer listed for those
        # without the permission: the table names people.
        deliveries = (
            self.object.deliveries.visible_to(self.request.user)
            .select_related("contact")
            .order_by("pk")
        )
        status = self.request.GET.get("status", "")
        if status in DeliveryStatus.values:
            deliveries = deliveries.filter(status=status)
        page = Paginator(deliveries, self.per_page).get_page(self.request.GET.get("page"))
        log_at_risk_shown(self.request, [delivery.contact for delivery in page.object_list])
        return super().get_context_data(
            progress=mailing_progress(self.object),
            mailing_actions=mailing_allowed_actions(self.request.user, self.object),
            page_obj=page,
            deliveries=page.object_list,
            statuses=DeliveryStatus.choices,
            current_status=status,
            **kwargs,
        )


@staff_required
def mailing_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx every two seconds (HTML fragment), or JSON for scripts."""
    mailing = get_object_or_404(Mailing, pk=pk)
    progress = mailing_progress(mailing)
    if request.GET.get("format") == "json":
        return JsonResponse({"status": mailing.status, **progress.as_dict()})
    actions = mailing_allowed_actions(request.user, mailing)
    return render(
        request,
        "outreach/mailing_progress.html",
        {"mailing": mailing, "progress": progress, "mailing_actions": actions},
    )


def _contact_or_404(token: str):
    contact = mailing_messages.contact_from_token(token)
    if contact is None:
        raise Http404(_("This link is not valid."))
    return contact


@login_not_required
def contact_preferences(request: HttpRequest, token: str) -> HttpResponse:
    """A contact changes their interests or unsubscribes, behind a signed link."""
    contact = _contact_or_404(token)
    form = InterestsForm(
        request.POST or None,
        initial={"sectors": contact.sectors.all(), "keywords": contact.keywords.all()},
    )
    if request.method == "POST" and form.is_valid():
        services.contact_interests_update(
            contact=contact,
            sectors=form.cleaned_data["sectors"],
            keywords=form.cleaned_data["keywords"],
        )
        messages.success(request, _("Your interests are saved."))
        return redirect("outreach:preferences", token=token)
    return render(
        request,
        "outreach/mailing_preferences.html",
        {"contact": contact, "form": form, "token": token},
    )


@csrf_exempt  # RFC 8058: the mail client POSTs without a session or a CSRF token.
@login_not_required
def contact_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    contact = _contact_or_404(token)
    if contact.status == ContactStatus.UNSUBSCRIBED:
        # A second visit: say so, rather than ask again or thank again.
        return render(
            request, "outreach/mailing_unsubscribed.html", {"token": token, "already": True}
        )
    if request.method == "POST":
        services.contact_unsubscribe_by_link(contact=contact)
        return render(request, "outreach/mailing_unsubscribed.html", {"token": token})
    # A GET (a link followed by a mail scanner) must not unsubscribe: ask first.
    return render(
        request, "outreach/mailing_unsubscribe_confirm.html", {"contact": contact, "token": token}
    )
