"""Form widgets shared by every app.

QuickSelect: Django's Select includes `option.html` once per option, and the 250
countries of a list page's filter cost more than the page's queries (issue 15's profile
of the organisation and contact lists); it writes the same markup directly.
CountrySelect: the countries' options are written once per language.
"""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class DateInput(forms.DateInput):
    """A date as the active language writes it (day before month: `01/12/2026`).

    A browser's own date input shows the browser's format, not the Section's
    (month first on many machines), so this is a text input in the first of
    DATE_INPUT_FORMATS; ISO dates are accepted too (config/formats/)."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {"placeholder": _("dd/mm/yyyy"), "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs)


class QuickSelect(forms.Select):
    """A single-choice <select> without option groups, rendered without templates."""

    renders_itself = True  # templates that loop over a Select's choices use it as it is

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) else value)
        )
        return format_html(
            "<select{}>{}</select>", flatatt(attrs), mark_safe(self.options_html(chosen))
        )

    def options_html(self, chosen: str) -> str:
        # The markup format_html_join would write, escaped the same way, without its
        # per-row format() and mark_safe(): a third of the time for 250 countries.
        return "".join(_option(option, label, chosen) for option, label in self.choices)


def _option(option, label, chosen: str) -> str:
    option = "" if option is None else str(option)
    selected = " selected" if option == chosen else ""
    return (
        f'<option value="{conditional_escape(option)}"{selected}>'
        f"{conditional_escape(str(label))}</option>"
    )


_country_options: dict[str, str] = {}
ANY = _("Any")


class CountrySelect(QuickSelect):
    """Any country, or one: the empty choice (its label given here; the field's own
    empty label is None), then every country in the reader's language and order.

    django_countries translates and sorts its 250 names on every iteration, a quarter
    of a list page's time (issue 15's profile); their options are written once per
    language, and the choice is marked in that text. Forms take it too (country_input):
    Django's own select, one template per option, took 28 ms of an organisation's form
    at the bench."""

    def __init__(self, attrs=None, *, empty_label=ANY):
        super().__init__(attrs)
        self.empty_label = empty_label

    def options_html(self, chosen: str) -> str:
        language = get_language()
        listed = _country_options.get(language)
        if listed is None:
            listed = _country_options[language] = "".join(
                _option(code, name, "") for code, name in countries
            )
        if chosen:
            unmarked = f'<option value="{conditional_escape(chosen)}">'
            listed = listed.replace(unmarked, unmarked[:-1] + " selected>", 1)
        return _option("", self.empty_label, chosen) + listed


def country_input() -> CountrySelect:
    """A form's country: none yet (Django's dashes), or one of them."""
    return CountrySelect(empty_label=BLANK_CHOICE_DASH[0][1])
