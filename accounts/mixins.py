"""Role checks for class-based views: one place, so every view asks the same question."""

from django.contrib.auth.mixins import UserPassesTestMixin

from .roles import is_coordinator, is_local_group, is_section_staff


class StaffRequiredMixin(UserPassesTestMixin):
    """Section staff and coordinators; everyone else gets 403."""

    raise_exception = True

    def test_func(self) -> bool:
        user = self.request.user
        return is_section_staff(user) or is_coordinator(user)


class LocalGroupRequiredMixin(UserPassesTestMixin):
    """A user who belongs to a local group; querysets must still be scoped to it."""

    raise_exception = True

    def test_func(self) -> bool:
        return is_local_group(self.request.user)
