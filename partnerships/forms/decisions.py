"""The coordinators' forms in the admin: the decision checklist and each decision."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.roles import staff_users
from config.periods import PeriodFormMixin
from config.widgets import DateInput
from partnerships.models.requests import ChecklistAnswerChoice, ChecklistQuestion

DATE_INPUT = DateInput()


class ChecklistForm(forms.Form):
    """Seed 000's six questions; each answered yes / no / unsure, with a note."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in ChecklistQuestion:
            self.fields[f"q{question.value}"] = forms.ChoiceField(
                label=format_lazy("{}. {}", question.value, question.label),
                choices=ChecklistAnswerChoice.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"q{question.value}_note"] = forms.CharField(
                label=_("Note"),
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                required=False,
                max_length=2000,
            )

    @staticmethod
    def initial_from(answers) -> dict:
        initial = {}
        for answer in answers:
            initial[f"q{answer.question}"] = answer.answer
            initial[f"q{answer.question}_note"] = answer.note
        return initial

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            q: (self.cleaned_data[f"q{q}"], self.cleaned_data[f"q{q}_note"])
            for q in ChecklistQuestion.values
        }

    def question_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"q{q}"], self[f"q{q}_note"]) for q in ChecklistQuestion.values]


class ApproveForm(PeriodFormMixin, forms.Form):
    period_error = _("The partnership cannot end before it starts.")

    starts_on = forms.DateField(label=_("Partnership starts on"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Partnership ends on"), widget=DATE_INPUT, required=False)
    lead = forms.ModelChoiceField(
        label=_("Staff lead"),
        queryset=staff_users(),
    )
    comment = forms.CharField(
        label=_("Message to the group (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        max_length=5000,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, written for the group"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=5000,
    )
    internal_note = forms.CharField(
        label=_("Internal note (optional; the group never sees it)"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        max_length=5000,
    )


class AskInformationForm(forms.Form):
    question = forms.CharField(
        label=_("What should the group tell you?"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=5000,
    )


class EscalateForm(forms.Form):
    comment = forms.CharField(
        label=_("Why the International Secretariat decides (shown to the group)"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=5000,
    )


class StartReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        required=False,
        max_length=2000,
    )
