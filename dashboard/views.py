from django.contrib.auth.mixins import UserPassesTestMixin
from django.views.generic import TemplateView

from accounts.roles import is_coordinator, is_section_staff


class StaffRequiredMixin(UserPassesTestMixin):
    """Section staff and coordinators; everyone else gets 403."""

    raise_exception = True

    def test_func(self) -> bool:
        user = self.request.user
        return is_section_staff(user) or is_coordinator(user)


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "dashboard/home.html"
