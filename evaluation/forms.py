"""Input validation only; the rules live in services."""

import datetime
from typing import cast

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.periods import ends_before_it_starts
from partnerships.models import Coalition

from .models import QUESTIONS, Answer, Evaluation, JointActivity, PartnerAnswer, Target
from .selectors import partnerships_visible_to

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = JointActivity
        fields = [
            "partnership", "coalition", "title", "kind", "starts_on", "ends_on", "place",
            "run_by", "staff_hours", "volunteer_hours", "money_spent", "in_kind",
            "public_reached", "description",
        ]  # fmt: skip
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, user, staff: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        partnerships = partnerships_visible_to(user).order_by("title")
        if not staff:
            partnerships = partnerships.filter(status="active")
            del self.fields["coalition"]
        else:
            cast(
                forms.ModelChoiceField, self.fields["coalition"]
            ).queryset = Coalition.objects.order_by("name")
        cast(forms.ModelChoiceField, self.fields["partnership"]).queryset = partnerships
        if self.instance.pk:  # an activity stays where it was recorded
            self.fields.pop("partnership", None)
            self.fields.pop("coalition", None)

    def clean(self) -> dict:
        data = super().clean() or {}
        if {"partnership"} <= set(self.fields):
            under = [data.get("partnership"), data.get("coalition")]
            if sum(value is not None for value in under) != 1:
                raise forms.ValidationError(_("Choose either a partnership or a coalition."))
        for name in ("starts_on", "ends_on"):
            # Due dates are computed from these: keep them far from date.max (PITFALLS).
            if data.get(name) and not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, f"Enter a date between {EARLIEST:%Y} and {LATEST:%Y}.")
        if ends_before_it_starts(data.get("starts_on"), data.get("ends_on")):
            self.add_error("ends_on", _("An activity cannot end before it starts."))
        return data

    def details(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"partnership", "coalition"}
        }


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "unit", "baseline", "target", "actual"]


TargetFormSet = inlineformset_factory(
    JointActivity, Target, form=TargetForm, extra=2, can_delete=True
)


class EvaluationForm(forms.ModelForm):
    """The eight questions, each with a note; blanks are allowed while it is a draft."""

    lesson = forms.CharField(
        label=_("A lesson for next time"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shared with coordinators and groups who plan cooperation with a similar "
            "organisation or method."
        ),
    )

    class Meta:
        model = Evaluation
        fields = [field for name, _ in QUESTIONS for field in (name, f"{name}_note")] + [
            "overall_rating",
            "recommendation",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, _question in QUESTIONS:
            # The question is the fieldset's legend; "Answer" avoids saying it twice.
            self.fields[name] = forms.ChoiceField(
                label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect, required=False
            )
            note = self.fields[f"{name}_note"]
            note.label = _("Notes")
            note.widget = forms.Textarea(attrs={"rows": 2})
        self.fields["overall_rating"] = forms.TypedChoiceField(
            label=_("Overall rating"),
            choices=[
                ("", "—"),
                *((n, format_lazy(_("{rating} of 5"), rating=n)) for n in range(1, 6)),
            ],
            coerce=int,
            empty_value=None,
            required=False,
        )

    def question_rows(self) -> list[tuple]:
        return [(question, self[name], self[f"{name}_note"]) for name, question in QUESTIONS]

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "lesson"}


class PartnerLinkForm(forms.Form):
    email = forms.EmailField(label=_("The partner contact's e-mail"))
    language = forms.ChoiceField(
        label=_("Their language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The e-mail and the form are in this language."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()


class PartnerAnswerForm(forms.ModelForm):
    class Meta:
        model = PartnerAnswer
        fields = [
            "beneficial_to_both", "negative_effects", "negative_effects_note",
            "what_to_change", "work_again",
        ]  # fmt: skip
        widgets = {
            "beneficial_to_both": forms.RadioSelect,
            "negative_effects": forms.RadioSelect,
            "work_again": forms.RadioSelect,
            "negative_effects_note": forms.Textarea(attrs={"rows": 2}),
            "what_to_change": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("beneficial_to_both", "negative_effects", "work_again"):
            cast(forms.ChoiceField, self.fields[name]).choices = Answer.choices  # no "---------"


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search lessons"), required=False, max_length=200)
