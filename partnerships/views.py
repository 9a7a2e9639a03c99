from django.contrib.auth.mixins import UserPassesTestMixin
from django.views.generic import TemplateView

from accounts.roles import is_local_group


class LocalGroupRequiredMixin(UserPassesTestMixin):
    raise_exception = True

    def test_func(self) -> bool:
        return is_local_group(self.request.user)


class MyRequestsView(LocalGroupRequiredMixin, TemplateView):
    template_name = "partnerships/my_requests.html"
