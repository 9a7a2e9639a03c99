"""Input for risk assessments: the assessment, its lines (one inline formset, shared by
the register pages and the admin), and the advice section of a group's request form."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from partnerships.forms.pickers import organisation_picker
from partnerships.models import Organisation, Partnership, PartnershipRequest

from .models import AssessmentStatus, Check, RiskAssessment, RiskLine, RiskType
from .services import completion_problems

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TARGETS = ("partnership_request", "partnership", "organisation")
CHECK_FIELDS = [name for check in Check for name in (f"check_{check}", f"check_{check}_note")]


class RiskAssessmentForm(forms.ModelForm):
    class Meta:
        model = RiskAssessment
        fields = [*TARGETS, "title", "assessed_on", "review_on", "status", *CHECK_FIELDS]
        widgets = {
            "assessed_on": DATE_INPUT,
            "review_on": DATE_INPUT,
            # Search as you type: a <select> of the whole registry is megabytes at scale.
            "organisation": organisation_picker(),
            **{f"check_{check}_note": forms.Textarea(attrs={"rows": 2}) for check in Check},
        }
        labels = {"partnership_request": _("Partnership request")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["partnership_request"]).queryset = (
            PartnershipRequest.objects.filter(risk_assessment__isnull=True).select_related(
                "organisation"
            )
            | PartnershipRequest.objects.filter(
                pk=self.instance.partnership_request_id or 0
            ).select_related("organisation")
        )
        cast(
            forms.ModelChoiceField, self.fields["partnership"]
        ).queryset = Partnership.objects.all()
        cast(
            forms.ModelChoiceField, self.fields["organisation"]
        ).queryset = Organisation.objects.only("name", "acronym")
        for check in Check:
            self.fields[f"check_{check}_note"].label = _("Note")

    def clean(self) -> dict:
        data = super().clean() or {}
        if sum(bool(data.get(name)) for name in TARGETS) != 1:
            raise ValidationError(
                _(
                    "Assess exactly one thing: a partnership request, a partnership or an organisation."
                )
            )
        return data

    def check_rows(self) -> list[tuple]:
        """(ticked field, note field) per check, for the template."""
        return [(self[f"check_{check}"], self[f"check_{check}_note"]) for check in Check]


class RiskLineFormSetBase(BaseInlineFormSet):
    """A complete assessment needs every type of risk and every check (services.py)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or self.instance.status != AssessmentStatus.COMPLETE:
            return
        kept = [
            form.instance
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]  # Django has it, the stubs do not
        ]
        if problems := completion_problems(self.instance, kept):
            raise ValidationError(problems)


class RiskLineForm(forms.ModelForm):
    class Meta:
        model = RiskLine
        fields = [
            "risk_type",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "residual_likelihood",
            "residual_impact",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.NumberInput(attrs={"min": 1, "max": 5})
                for name in ("likelihood", "impact", "residual_likelihood", "residual_impact")
            },
        }


RiskLineFormSet = inlineformset_factory(
    RiskAssessment,
    RiskLine,
    form=RiskLineForm,
    formset=RiskLineFormSetBase,
    extra=0,
    max_num=len(RiskType),
    validate_max=True,
    can_delete=True,
)


def blank_line_initial(existing: set[str]) -> list[dict]:
    """One empty line per risk type not yet assessed, so a new assessment shows all six."""
    return [{"risk_type": value} for value in RiskType.values if value not in existing]


# --- Describing an event to the advisor -----------------------------------------------------

# The registry's kinds of organisation in the advisor's words; the rest are NGOs.
ORGANISER_KIND_OF = {
    "trade_union": "union",
    "religious": "religious",
    "business": "corporate",
    "academic": "academic",
    "media": "media",
    "government": "government",
    "igo": "government",
    "community": "community_group",
}
RISK_CHOICES = [("", _("Not assessed")), ("none", _("None")), ("mitigable", _("Can be mitigated")), ("unmitigable", _("Cannot be mitigated"))]  # fmt: skip


def organiser_from_registry(organisation: Organisation) -> dict:
    kind = "indigenous_led" if organisation.indigenous_led else ORGANISER_KIND_OF.get(organisation.kind, "ngo")  # fmt: skip
    affiliations = sorted({a.kind for a in organisation.affiliations.all()})
    return {"name": organisation.name, "kind": kind, "affiliations": affiliations}


def _split(text: str, separator: str) -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]


class AdviceForm(forms.Form):
    """The event in a few plain fields; `event()` turns it into the advisor's input,
    which the advisor validates (so its messages name the line at fault)."""

    title = forms.CharField(max_length=200, required=False)
    our_role = forms.ChoiceField(
        label=_("Our role"),
        choices=[
            ("organiser", _("We organise it")),
            ("co_organiser", _("We organise it with others")),
            ("partner", _("We are a partner")),
            ("attendee", _("We attend")),
        ],  # fmt: skip
        initial="partner",
    )
    organisers = forms.CharField(
        label=_("Other organisers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One per line: name; kind (ngo, community_group, indigenous_led, religious, "
            "corporate, political_party, sports_club, government, media, union, academic); "
            "affiliations (corporate, political, religious), comma-separated."
        ),
    )
    speakers = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One per line: name; role (mp, councillor, candidate, journalist, activist, "
            "expert, other); party, if any."
        ),
    )
    major_parties = forms.CharField(
        label=_("Major parties"), required=False, max_length=500, help_text=_("Comma-separated.")
    )
    parties_invited = forms.CharField(
        label=_("Parties invited"), required=False, max_length=500, help_text=_("Comma-separated.")
    )
    message_aligned = forms.BooleanField(
        label=_("The event's message is the same as ours"), required=False, initial=True
    )
    during_election = forms.BooleanField(label=_("During an election campaign"), required=False)
    legal = forms.ChoiceField(label=_("Legal risk"), choices=RISK_CHOICES, required=False)
    reputational = forms.ChoiceField(label=_("Reputational risk"), choices=RISK_CHOICES, required=False)  # fmt: skip
    physical = forms.ChoiceField(label=_("Physical risk to attendees"), choices=RISK_CHOICES, required=False)  # fmt: skip

    def event(self, *, title: str = "", organisation: Organisation | None = None) -> dict:
        data = self.cleaned_data
        organisers = [organiser_from_registry(organisation)] if organisation else []
        for line in data["organisers"].splitlines():
            if parts := _split(line, ";"):
                organisers.append(
                    {"name": parts[0], "kind": parts[1] if len(parts) > 1 else "",
                     "affiliations": _split(parts[2], ",") if len(parts) > 2 else []}
                )  # fmt: skip
        speakers = []
        for line in data["speakers"].splitlines():
            if parts := _split(line, ";"):
                speaker = {"name": parts[0], "role": parts[1] if len(parts) > 1 else ""}
                speakers.append({**speaker, "party": parts[2]} if len(parts) > 2 else speaker)
        return {
            "title": data["title"] or title,
            "organisers": organisers,
            "our_role": data["our_role"],
            "speakers": speakers,
            "major_parties": _split(data["major_parties"], ","),
            "parties_invited": _split(data["parties_invited"], ","),
            "message_aligned": data["message_aligned"],
            "during_election": data["during_election"],
            "risks": {kind: data[kind] for kind in ("legal", "reputational", "physical") if data[kind]},
        }  # fmt: skip

    @staticmethod
    def initial_from_event(event: dict, organisation: Organisation | None) -> dict:
        """The fields back from a stored event (the registry organisation is not retyped)."""
        organisers = [o for o in event.get("organisers", []) if not organisation or o.get("name") != organisation.name]  # fmt: skip
        return {
            "our_role": event.get("our_role", "partner"),
            "organisers": "\n".join(
                "; ".join([o.get("name", ""), o.get("kind", ""), ", ".join(o.get("affiliations", []))]).rstrip("; ")
                for o in organisers
            ),
            "speakers": "\n".join(
                "; ".join(filter(None, [s.get("name", ""), s.get("role", ""), s.get("party", "")]))
                for s in event.get("speakers", [])
            ),
            "major_parties": ", ".join(event.get("major_parties", [])),
            "parties_invited": ", ".join(event.get("parties_invited", [])),
            "message_aligned": event.get("message_aligned", True),
            "during_election": event.get("during_election", False),
            **event.get("risks", {}),
        }  # fmt: skip
