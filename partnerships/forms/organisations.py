from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import staff_users
from config.widgets import country_input
from partnerships.forms.pickers import organisation_picker
from partnerships.models import Affiliation, Organisation
from partnerships.selectors import RelationshipMatch, find_existing_relationships


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(max_length=200, required=False, assume_scheme="https")
    confirm_different = forms.BooleanField(
        required=False,
        label=_("This is a different organisation from the likely matches shown"),
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "acronym", "kind", "scope", "country", "region", "website", "email", "phone",
            "focus_civil_political", "focus_economic_social_cultural", "mandate_summary",
            "indigenous_led", "culturally_diverse", "disability_advocacy", "lgbtqi",
            "relationship_status", "relationship_owner", "track_record", "trust_notes",
            "external_id",
        ]  # fmt: skip
        widgets = {
            "country": country_input(),
            "mandate_summary": forms.Textarea(attrs={"rows": 3}),
            "track_record": forms.Textarea(attrs={"rows": 3}),
            "trust_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relationship_owner"].queryset = staff_users()
        self.matches: list[RelationshipMatch] = []

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not any(c.isalnum() for c in name):
            raise forms.ValidationError(_("Give the organisation's name."))
        return name

    def clean_external_id(self) -> str:
        value = self.cleaned_data["external_id"].strip()
        if (
            value
            and Organisation.objects.filter(external_id=value).exclude(pk=self.instance.pk).exists()
        ):
            raise forms.ValidationError(_("Another organisation already has this identifier."))
        return value

    def clean(self) -> dict:
        data = super().clean()
        self.matches = find_existing_relationships(
            name=data.get("name", ""),
            acronym=data.get("acronym", ""),
            website=data.get("website", ""),
            email=data.get("email", ""),
            exclude_pk=self.instance.pk,
        )
        if self.matches and not data.get("confirm_different"):
            names = ", ".join(str(m.organisation) for m in self.matches)
            raise forms.ValidationError(
                _(
                    "The registry may already hold this organisation: %(names)s. Check the matches "
                    "below; if it is really a different organisation, tick the confirmation box."
                )
                % {"names": names},
                code="possible_duplicate",
            )
        return data


AffiliationFormSet = forms.inlineformset_factory(
    Organisation, Affiliation, fields=["kind", "description"], extra=2, can_delete=True
)


class MergeTargetForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        widget=organisation_picker(),
        label=_("Keep this organisation"),
        help_text=_("Everything recorded for the duplicate moves to it."),
    )

    def __init__(self, *args, duplicate: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.duplicate = duplicate
        self.fields["keep"].queryset = Organisation.objects.exclude(pk=duplicate.pk)
