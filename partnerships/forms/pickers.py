"""The organisation picker widget (config/pickers.py): never a <select> of the registry."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from config.pickers import ModelPicker


def organisation_picker() -> ModelPicker:
    return ModelPicker(
        url=reverse_lazy("partnerships:organisation_picker"),
        placeholder=gettext_lazy("Type a name, acronym or website…"),
    )
