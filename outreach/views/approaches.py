"""Staff pages to record approaches, edit them and mark their follow-ups done."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from accounts.errors import refusal_as_message
from accounts.roles import StaffRequiredMixin, staff_required
from partnerships.models import Organisation
from partnerships.views.common import ForgivingPaginationMixin, SortableFilterMixin, parse_id

from ..filters import ApproachFilter
from ..forms.contacts import ApproachForm, FollowUpDoneForm
from ..models import Approach, Contact
from ..services import approaches as services
from .contacts import PAGE_SIZE
from .mixins import log_at_risk_shown


def visible_approaches(user):
    return Approach.objects.visible_to(user).select_related(
        "contact", "organisation", "follow_up_owner"
    )


class ApproachListView(StaffRequiredMixin, SortableFilterMixin, ForgivingPaginationMixin, ListView):
    default_sort = "-date"
    template_name = "outreach/approach_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filterset = ApproachFilter(
            self.request.GET or None,
            queryset=visible_approaches(self.request.user),
            request=self.request,
        )
        qs = self.filterset.qs
        return qs if qs.query.order_by else qs.order_by("-approached_on", "-pk")

    def get_context_data(self, **kwargs) -> dict:
        today = timezone.localdate()
        visible = Approach.objects.visible_to(self.request.user)
        return super().get_context_data(
            filter=self.filterset,
            today=today,
            due_count=visible.due(on=today).count(),
            overdue_count=visible.overdue(on=today).count(),
            **kwargs,
        )


class ApproachDetailView(StaffRequiredMixin, DetailView):
    template_name = "outreach/approach_detail.html"

    def get_queryset(self):
        return visible_approaches(self.request.user).select_related("created_by")

    def get_context_data(self, **kwargs) -> dict:
        log_at_risk_shown(self.request, [self.object.contact])
        return super().get_context_data(follow_up_form=FollowUpDoneForm(), **kwargs)


class _ApproachFormMixin(StaffRequiredMixin):
    template_name = "outreach/approach_form.html"
    form_class = ApproachForm

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "contacts": Contact.objects.visible_to(self.request.user),
        }

    def saved(self, approach: Approach, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("outreach:approach_detail", pk=approach.pk)

    def form_invalid_from(self, form, error: ValidationError) -> HttpResponse:
        form.add_error(None, error)
        return self.form_invalid(form)


class ApproachCreateView(_ApproachFormMixin, CreateView):
    def get_initial(self) -> dict:
        initial = {"follow_up_owner": self.request.user, "relationship_owner": self.request.user}
        if contact_id := parse_id(self.request.GET.get("contact")):
            contact = Contact.objects.visible_to(self.request.user).filter(pk=contact_id).first()
            if contact:
                initial["contact_email"] = contact.email
        if organisation_id := parse_id(self.request.GET.get("organisation")):
            initial["organisation"] = Organisation.objects.filter(pk=organisation_id).first()
        return initial

    def form_valid(self, form) -> HttpResponse:
        try:
            approach = services.approach_create(
                created_by=self.request.user,
                data=form.service_data(),
                relationship_owner=form.chosen_relationship_owner(),
            )
        except ValidationError as error:
            return self.form_invalid_from(form, error)
        return self.saved(approach, "Approach recorded.")


class ApproachUpdateView(_ApproachFormMixin, UpdateView):
    def get_queryset(self):
        return visible_approaches(self.request.user)

    def form_valid(self, form) -> HttpResponse:
        # The form wrote its values onto the instance; the service decides what they mean.
        original = Approach.objects.get(pk=self.object.pk)
        try:
            approach = services.approach_update(approach=original, data=form.service_data())
        except ValidationError as error:
            return self.form_invalid_from(form, error)
        return self.saved(approach, "Approach updated.")


@require_POST
@staff_required
def approach_follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    approach = get_object_or_404(Approach.objects.visible_to(request.user), pk=pk)
    form = FollowUpDoneForm(request.POST)
    notes = form.cleaned_data["notes"] if form.is_valid() else ""
    with refusal_as_message(request, _("Follow-up marked as done.")):
        services.approach_mark_followed_up(approach=approach, by=request.user, notes=notes)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = approach.get_absolute_url()
    return redirect(back)
