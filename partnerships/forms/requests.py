"""The local group's request form and its answers."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.periods import PeriodFormMixin
from config.widgets import DateInput
from partnerships.models import (
    CooperationMethod,
    Organisation,
    PartnershipRequest,
    Purpose,
    Visibility,
)
from partnerships.models.requests import REQUEST_DETAIL_FIELDS
from partnerships.selectors import find_existing_relationships

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise

DATE_INPUT = DateInput()


def method_choices() -> list[tuple[str, "StrOrPromise"]]:
    # Lazy: the API schema lists these at import, before any language is active.
    return [
        (
            value,
            format_lazy(
                "{} — {}",
                label,
                _("needs authorisation")
                if CooperationMethod.needs_authorisation(value)
                else _("no authorisation needed"),
            ),
        )
        for value, label in CooperationMethod.choices
    ]


class PartnershipRequestForm(PeriodFormMixin, forms.ModelForm):
    period_fields = ("activity_starts_on", "activity_ends_on")
    period_error = _("The activity cannot end before it starts.")

    purposes = forms.MultipleChoiceField(
        label=_("Purpose"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Why partner? Choose every reason that applies."),
    )
    visibility = forms.ChoiceField(
        label=_("Proposed visibility"), choices=Visibility.choices, widget=forms.RadioSelect
    )
    methods = forms.MultipleChoiceField(
        label=_("Methods of cooperation"),
        choices=method_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A request that uses only methods needing no authorisation is noted at once."),
    )

    class Meta:
        model = PartnershipRequest
        fields = list(REQUEST_DETAIL_FIELDS)
        widgets = {
            "activity_starts_on": DATE_INPUT,
            "activity_ends_on": DATE_INPUT,
            "activity_description": forms.Textarea(attrs={"rows": 4}),
            "partner_gains": forms.Textarea(attrs={"rows": 3}),
            "partner_demands": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"activity_title": _("Activity title"), "activity_description": _("Description")}

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewOrganisationForm(forms.ModelForm):
    """An organisation not yet in the registry, described by the group."""

    website = forms.URLField(required=False, assume_scheme="https")
    confirm_new = forms.BooleanField(
        label=_("None of the organisations listed above is the one I mean"),
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "website", "email"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.matches: list = []
        self._hide_confirmation()

    def _hide_confirmation(self) -> None:
        # The box refers to a list of matches: without one it would make no sense.
        self.fields["confirm_new"].widget = forms.HiddenInput()

    def clean(self) -> dict:
        data = super().clean()
        # Seed 002: check for an existing relationship before approaching a new partner.
        self.matches = find_existing_relationships(
            **{key: data.get(key, "") for key in ("name", "acronym", "website", "email")}
        )
        if self.matches:
            self.fields["confirm_new"].widget = forms.CheckboxInput()
        if self.matches and not data.get("confirm_new"):
            self.add_error(
                "confirm_new",
                "This organisation may already be in the registry: choose it from the list "
                "above, or confirm that it is a different one.",
            )
        return data

    def description(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("The coordinators see this with your request, which goes back to them."),
    )


class WithdrawForm(forms.Form):
    comment = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
