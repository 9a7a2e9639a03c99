from django import forms
from django.utils.translation import gettext_lazy as _

from config.widgets import DateInput
from outreach.models import Keyword, MailingKind, Sector, UrgentAction


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


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(MailingKind.UPDATED, "Update"), (MailingKind.CLOSED, "Closed")],
        initial=MailingKind.UPDATED,
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Markdown: what changed.")
    )


class InterestsForm(forms.Form):
    """A contact's own choice of what to receive (the signed preferences page)."""

    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    keywords = forms.ModelMultipleChoiceField(
        queryset=Keyword.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
