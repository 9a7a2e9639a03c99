from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.forms.pickers import organisation_picker
from partnerships.models import SupportRequest
from partnerships.models.support import SupportDecision

from .coalitions import DATE


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["organisation", "requested_by", "subject", "details", "received_on"]
        widgets = {
            "organisation": organisation_picker(),
            "received_on": DATE,
            "details": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("A request cannot have been received in the future."))
        return received_on


class SupportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[c for c in SupportDecision.choices if c[0] != SupportDecision.PENDING],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(
        label=_("Reply sent"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("The reply as it was sent to the organisation. Required for a decline."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") == SupportDecision.DECLINE and not data.get("reply", "").strip():
            self.add_error(
                "reply",
                "A decline needs a reply written with care: explain the reasons and say that it "
                "is not a judgement of their organisation or their cause.",
            )
        return data
