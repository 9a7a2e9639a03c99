from django import forms

from outreach import scoring
from outreach.models import Aim, SectorAssessment

from .fields import DateInput, today


class SectorAssessmentForm(forms.ModelForm):
    aims = forms.MultipleChoiceField(
        choices=Aim.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the Section wants from outreach to this sector.",
    )

    class Meta:
        model = SectorAssessment
        fields = ["assessed_on", *scoring.ALL_CRITERIA, "notes"]
        widgets = {
            "assessed_on": DateInput(),
            **{
                name: forms.NumberInput(attrs={"min": scoring.SCORE_MIN, "max": scoring.SCORE_MAX})
                for name in scoring.ALL_CRITERIA
            },
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, latest: SectorAssessment | None = None, **kwargs):
        # Start from the latest scores, so a reassessment changes only what moved.
        if latest is not None:
            kwargs["initial"] = {
                **latest.scores,
                "aims": [aim.value for aim in latest.aims],
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = today
        self.fields["assessed_on"].label = "Date of the assessment"

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > today():
            raise forms.ValidationError("An assessment cannot be dated in the future.")
        return assessed_on
