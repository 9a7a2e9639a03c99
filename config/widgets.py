"""Widgets that render in Python what Django renders through a template per option.

Django's Select includes `option.html` once per option: the 250 countries of a list
page's filter cost more than the page's queries (issue 15's profile of the
organisation and contact lists). QuickSelect writes the same markup directly.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A single-choice <select> without option groups, rendered without templates."""

    renders_itself = True  # templates that loop over a Select's choices use it as it is

    def render(self, name, value, attrs=None, renderer=None) -> str:
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) else value)
        )
        rows = []
        for option, label in self.choices:
            option = "" if option is None else str(option)
            rows.append((option, " selected" if option == chosen else "", label))
        options = format_html_join("", '<option value="{}"{}>{}</option>', rows)
        return format_html("<select{}>{}</select>", flatatt(attrs), options)
