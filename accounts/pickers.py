"""The user picker's htmx endpoint (config/pickers.py): staff logins only."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from config.pickers import ModelPicker, PickerView


class UserPickerView(PickerView):
    def get_queryset(self) -> QuerySet:
        return get_user_model().objects.filter(is_active=True, local_group__isnull=True)

    def search(self, queryset: QuerySet, text: str) -> QuerySet:
        match = Q(username__icontains=text) | Q(first_name__icontains=text)
        match |= Q(last_name__icontains=text) | Q(email__icontains=text)
        return queryset.filter(match).order_by("username")


def user_picker() -> ModelPicker:
    return ModelPicker(
        url=reverse_lazy("accounts:user_picker"), placeholder=gettext_lazy("Type a name…")
    )
