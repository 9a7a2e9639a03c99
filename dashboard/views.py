from django.views.generic import TemplateView

from accounts.mixins import StaffRequiredMixin


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "dashboard/home.html"
