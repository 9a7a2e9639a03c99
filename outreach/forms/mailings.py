from django import forms
from django.utils.translation import gettext_lazy as _

from config.widgets import DateInput
from outreach.models import Keyword, MailingKind, Sector, UrgentAction
from outreach.rendering import markdown_problem, render_markdown

from .fields import IdsChoiceField


def _bounded_markdown(value: str) -> str:
    if problem := markdown_problem(value):
        raise forms.ValidationError(problem)
    return value


class UrgentActionForm(forms.ModelForm):
    class Meta:
        model = UrgentAction
        fields = [
            "reference",
            "title",
            "summary",
            "body",
            "urgency",
            "issued_on",
            "countries",
            "sectors",
            "occupations",
            "gender",
            "keywords",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "issued_on": DateInput(),
            "sectors": forms.CheckboxSelectMultiple,
            "keywords": forms.CheckboxSelectMultiple,
        }
        field_classes = {"sectors": IdsChoiceField, "keywords": IdsChoiceField}

    def clean_body(self) -> str:
        return _bounded_markdown(self.cleaned_data["body"])

    def save(self, commit: bool = True):
        # Rendered once here, not on every page view or for every recipient.
        self.instance.body_html = render_markdown(self.cleaned_data["body"])
        return super().save(commit)


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(MailingKind.UPDATED, _("Update")), (MailingKind.CLOSED, _("Closed"))],
        initial=MailingKind.UPDATED,
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: what changed."),
        validators=[_bounded_markdown],
    )


class InterestsForm(forms.Form):
    """A contact's own choice of what to receive (the signed preferences page)."""

    sectors = IdsChoiceField(
        queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    keywords = IdsChoiceField(
        queryset=Keyword.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
