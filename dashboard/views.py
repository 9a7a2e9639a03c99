import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts.roles import (
    StaffRequiredMixin,
    is_section_staff,
    landing_url,
    staff_required,
)
from accounts.typing import AuthenticatedRequest
from outreach.models import Campaign

from . import charts as charts_module
from .forms import DashboardFilterForm
from .models import CalendarFeed
from .sections import DashboardFilters, registered_keys, section_for, sections_for
from .selectors import dashboard_figures
from .services import reminders


class DashboardView(StaffRequiredMixin, TemplateView):
    """What needs me today. An htmx request gets only the part it reloads: one
    section (`?section=mailings`, polled while mailings run) or the whole body
    when a filter changes; without JavaScript the filter form reloads the page."""

    template_name = "dashboard/home.html"
    request: AuthenticatedRequest

    def get_template_names(self) -> list[str]:
        if self.request.htmx:
            return [
                "dashboard/_section_reload.html" if self._section_key() else "dashboard/_body.html"
            ]
        return [self.template_name]

    def _section_key(self) -> str:
        key = self.request.GET.get("section", "")
        return key if key in registered_keys() else ""

    def dispatch(self, request, *args, **kwargs):
        # `/` is where a bookmark or a bare address lands: anyone the dashboard is not
        # for goes to their own home instead of a 403.
        if not self.test_func():
            return redirect(landing_url(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        filters = DashboardFilterForm(self.request.GET or None).filters()
        query = self.request.GET.copy()
        query.pop("section", None)
        context = {
            # Built only when the template's cached fragment of the form is not there
            # (the template calls it).
            "filter_form": functools.partial(DashboardFilterForm.showing, filters),
            "filters": filters,
            "filter_query": query.urlencode(),
        }
        if key := self._section_key():
            context["section"] = section_for(key, user=user, filters=filters)
        else:
            sections = sections_for(user=user, filters=filters)
            figures = dashboard_figures(user=user, sections=sections)
            context |= {
                "sections": sections,
                "figures": figures,
                "figures_updated_at": min(
                    (figure.updated_at for figure in figures if figure.updated_at), default=None
                ),
            }
        return super().get_context_data(**context, **kwargs)


def _filters(request: AuthenticatedRequest) -> DashboardFilters:
    return DashboardFilterForm(request.GET or None).filters()


def _campaign_id(request: AuthenticatedRequest) -> int | None:
    value = request.GET.get("campaign", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


class ChartsView(StaffRequiredMixin, TemplateView):
    """Every chart with the table of its numbers; htmx loads it into the dashboard."""

    template_name = "dashboard/charts.html"
    request: AuthenticatedRequest

    def get_template_names(self) -> list[str]:
        return ["dashboard/_charts.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        filters = _filters(self.request)
        campaign = _campaign_id(self.request)
        query = self.request.GET.copy()
        charts = [
            (
                name,
                charts_module.chart_data(
                    name, filters, **({"campaign_id": campaign} if name == "spectrum" else {})
                ),
            )
            for name in charts_module.CHARTS
        ]
        return super().get_context_data(
            charts=charts,
            filter_query=query.urlencode(),
            campaigns=Campaign.objects.order_by("-starts_on", "name").values_list("pk", "name"),
            filter_form=DashboardFilterForm(self.request.GET or None),
            **kwargs,
        )


def chart_json(request: AuthenticatedRequest, name: str) -> JsonResponse:
    """A chart's numbers for Chart.js (the same as the table under it)."""
    if not is_section_staff(request.user):
        raise PermissionDenied
    if name not in charts_module.CHARTS:
        raise Http404(_("No such chart."))
    options = {"campaign_id": _campaign_id(request)} if name == "spectrum" else {}
    return JsonResponse(charts_module.chart_data(name, _filters(request), **options))


REMINDERS_PER_PAGE = 50


class RemindersView(StaffRequiredMixin, TemplateView):
    """The same items as the daily digest, and the user's calendar feed."""

    template_name = "dashboard/reminders.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        feed = CalendarFeed.objects.filter(user=user).first()
        feed_url = (
            self.request.build_absolute_uri(reverse("dashboard:calendar_feed", args=[feed.token]))
            if feed
            else ""
        )
        # The digest sends every item; the page shows them a page at a time (a busy
        # owner's hundreds of overdue follow-ups made a 100 kB page).
        page_obj = Paginator(reminders.ReminderPages(user=user), REMINDERS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            items=page_obj.object_list, page_obj=page_obj, feed_url=feed_url, **kwargs
        )


@require_POST
@staff_required
def calendar_feed_reset(request: AuthenticatedRequest) -> HttpResponse:
    if request.POST.get("action") == "revoke":
        reminders.calendar_feed_revoke(user=request.user)
        messages.success(request, _("Your calendar address no longer works."))
    else:
        reminders.calendar_feed_reset(user=request.user)
        messages.success(
            request, _("A new calendar address is ready; any old one stopped working.")
        )
    return redirect("dashboard:reminders")


@login_not_required
def calendar_feed(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The secret address calendar clients subscribe to (they cannot log in)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404(_("No such calendar."))
    response = HttpResponse(
        reminders.calendar_feed_ical(user=feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="partnerdesk-follow-ups.ics"'
    return response
