"""The organisation picker's htmx endpoint (config/pickers.py)."""

from django.db.models import QuerySet

from config.pickers import PickerView
from partnerships.models import Organisation


class OrganisationPickerView(PickerView):
    def get_queryset(self) -> QuerySet:
        return Organisation.objects.all()

    def search(self, queryset: QuerySet, text: str) -> QuerySet:
        return queryset.search(text).order_by("name", "pk")
