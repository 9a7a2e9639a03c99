from django.views.generic import TemplateView

from accounts.mixins import LocalGroupRequiredMixin


class MyRequestsView(LocalGroupRequiredMixin, TemplateView):
    template_name = "partnerships/my_requests.html"
