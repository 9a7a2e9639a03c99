from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from accounts.mixins import StaffRequiredMixin
from accounts.roles import is_coordinator, is_section_staff, landing_url

from .models import CalendarFeed
from .selectors import dashboard_figures
from .services import reminders


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "dashboard/home.html"

    def dispatch(self, request, *args, **kwargs):
        # `/` is where a bookmark or a bare address lands: anyone the dashboard is not
        # for goes to their own home instead of a 403.
        if not self.test_func():
            return redirect(landing_url(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            figures=dashboard_figures(user=user),
            items=reminders.reminder_items(user=user),
            **kwargs,
        )


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
        return super().get_context_data(
            items=reminders.reminder_items(user=user), feed_url=feed_url, **kwargs
        )


@require_POST
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    if not (is_section_staff(request.user) or is_coordinator(request.user)):
        raise PermissionDenied
    if request.POST.get("action") == "revoke":
        reminders.calendar_feed_revoke(user=request.user)
        messages.success(request, "Your calendar address no longer works.")
    else:
        reminders.calendar_feed_reset(user=request.user)
        messages.success(request, "A new calendar address is ready; any old one stopped working.")
    return redirect("dashboard:reminders")


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret address calendar clients subscribe to (they cannot log in)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    response = HttpResponse(
        reminders.calendar_feed_ical(user=feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="partnerdesk-follow-ups.ics"'
    return response
