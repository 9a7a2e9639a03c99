"""Form widgets shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date as the active language writes it (day before month: `01/12/2026`).

    A browser's own date input shows the browser's format, not the Section's
    (month first on many machines), so this is a text input in the first of
    DATE_INPUT_FORMATS; ISO dates are accepted too (config/formats/)."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {"placeholder": _("dd/mm/yyyy"), "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs)
