"""Search-as-you-type pickers: a row of a large table is chosen by typing, never from a
`<select>` of every row (100,000 organisations make a 5 MB page that takes seconds).

`ModelPicker` is the widget of a ModelChoiceField: a hidden input with the chosen id
and a search box that asks an htmx endpoint (a `PickerView`) for at most
`PickerView.limit` matches; static/js/picker.js copies a clicked match into the hidden
input. Without JavaScript the field still posts the id it was given, and the form's
queryset validates it as before.
"""

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

from accounts.roles import StaffRequiredMixin

DEFAULT_PLACEHOLDER = _("Type to search…")

SEARCH_LIMIT = 100  # characters of the search box that reach the database


class ModelPicker(forms.Widget):
    """The widget of a ModelChoiceField over a large table: it renders the chosen row
    only (one query by primary key), never the field's choices."""

    renders_itself = True  # list filter forms render it as it is, never its choices

    def __init__(
        self, *, url, placeholder: "str | _StrPromise" = DEFAULT_PLACEHOLDER, attrs=None
    ) -> None:
        super().__init__(attrs)
        self.url = url
        self.placeholder = placeholder

    # The chosen rows by id, when a formset has read them for all its forms at once.
    known: dict[str, object] | None = None

    def chosen_label(self, value) -> str:
        choices = getattr(self, "choices", None)
        if value in (None, "") or choices is None:
            return ""
        if self.known is not None:
            chosen = self.known.get(str(value))
        else:
            try:
                chosen = choices.queryset.filter(pk=value).first()
            except (ValueError, TypeError, ValidationError):
                return ""
        return choices.field.label_from_instance(chosen) if chosen else ""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.get("id") or f"id_{name}"
        results_id = f"{field_id}_results"
        return format_html(
            '<div class="picker" data-picker>'
            '<input type="hidden" name="{}" value="{}" data-picker-value>'
            '<input type="search" class="form-control{}" id="{}" name="q" value="{}" '
            'placeholder="{}" autocomplete="off" role="combobox" aria-expanded="false" '
            'aria-controls="{}" hx-get="{}" hx-trigger="input changed delay:250ms, search" '
            'hx-target="#{}" hx-swap="innerHTML"{}>'
            '<div class="list-group picker-results" id="{}" role="listbox"></div>'
            "</div>",
            name,
            "" if value is None else value,
            " is-invalid" if "is-invalid" in attrs.get("class", "") else "",
            field_id,
            self.chosen_label(value),
            self.placeholder,
            results_id,
            self.url,
            results_id,
            mark_safe(' required aria-required="true"') if attrs.get("required") else "",
            results_id,
        )

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data


class PickersReadOnce:
    """A formset (mixed in before Django's) whose forms' pickers find their chosen rows in
    one query for all forms, where each form's picker read its own: a coalition's form
    of twenty members took 22 queries at the bench."""

    @cached_property
    def forms(self) -> list:
        forms = super().forms  # type: ignore[misc]
        pickers = {
            name
            for form in forms
            for name, field in form.fields.items()
            if isinstance(field.widget, ModelPicker) and hasattr(field, "queryset")
        }
        for name in pickers:
            picking = [form for form in forms if name in form.fields]
            values = {str(form[name].value()) for form in picking} - {"None", ""}
            try:
                rows = picking[0].fields[name].queryset.in_bulk(list(values))
            except (ValueError, TypeError, ValidationError):
                continue  # an id of the wrong kind: each picker asks for its own
            known = {str(pk): row for pk, row in rows.items()}
            for form in picking:
                form.fields[name].widget.known = known
        return forms


class PickerView(StaffRequiredMixin, View):
    """The htmx endpoint behind a ModelPicker: `?q=` gives at most `limit` buttons."""

    http_method_names = ["get"]
    limit = 20
    min_length = 2

    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def search(self, queryset: QuerySet, text: str) -> QuerySet:
        raise NotImplementedError

    def label(self, obj) -> str:
        return str(obj)

    def get(self, request: HttpRequest) -> HttpResponse:
        text = request.GET.get("q", "").strip()[:SEARCH_LIMIT]
        if len(text) < self.min_length:
            return HttpResponse("")
        rows = list(self.search(self.get_queryset(), text)[: self.limit])
        if not rows:
            return HttpResponse(format_html('<div class="list-group-item text-muted">{}</div>',
                                            f"Nothing matches “{text}”."))  # fmt: skip
        return HttpResponse(
            format_html_join(
                "",
                '<button type="button" class="list-group-item list-group-item-action" '
                'role="option" data-picker-option="{}">{}</button>',
                ((obj.pk, self.label(obj)) for obj in rows),
            )
        )
