from django import forms
from django.utils.translation import gettext_lazy as _

from config.periods import PeriodFormMixin
from config.widgets import DateInput
from outreach.models import Campaign, SpectrumPosition

from .fields import today


class CampaignForm(PeriodFormMixin, forms.ModelForm):
    period_error = _("The campaign cannot end before it starts.")

    class Meta:
        model = Campaign
        fields = ["name", "goal", "starts_on", "ends_on"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }


class SpectrumPlaceForm(forms.Form):
    position = forms.TypedChoiceField(
        choices=sorted(SpectrumPosition.choices, reverse=True), coerce=int
    )
    moved_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=today)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why they stand here now: kept in the campaign's history."),
    )

    def clean_moved_on(self):
        moved_on = self.cleaned_data["moved_on"]
        if moved_on > today():
            raise forms.ValidationError(_("A move cannot be dated in the future."))
        return moved_on
