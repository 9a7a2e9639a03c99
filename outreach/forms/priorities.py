from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.widgets import DateInput
from outreach import scoring
from outreach.models import Aim, SectorAssessment

from .fields import today

_FEEDS = {
    (True, False): _("Counts towards the domestic impact score."),
    (False, True): _("Counts towards the international impact score."),
    (True, True): _("Counts towards the domestic and international impact score."),
}


def _feeds(name: str):
    """Which impact scores a criterion feeds, as a lazily translated sentence."""
    return _FEEDS.get(
        (name in scoring.DOMESTIC_CRITERIA, name in scoring.INTERNATIONAL_CRITERIA), ""
    )


def _criteria_rows(names: tuple[str, ...]) -> list[Row]:
    return [
        Row(*(Column(name, css_class="col-md-6") for name in names[i : i + 2]))
        for i in range(0, len(names), 2)
    ]


class SectorAssessmentForm(forms.ModelForm):
    aims = forms.MultipleChoiceField(
        choices=Aim.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the Section wants from outreach to this sector."),
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
        self.fields["assessed_on"].label = _("Date of the assessment")
        for name in scoring.ALL_CRITERIA:
            field = self.fields[name]
            field.help_text = format_lazy("{} {}", field.help_text, _feeds(name))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("assessed_on", css_class="col-md-4")),
            Fieldset(
                "The Campaign Manual: deciding outreach priorities",
                *_criteria_rows(scoring.SEED_001_CRITERIA),
            ),
            Fieldset("The Netherlands criteria", *_criteria_rows(scoring.NETHERLANDS_CRITERIA)),
            "aims",
            "notes",
        )

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > today():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return assessed_on
