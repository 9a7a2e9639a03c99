from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.pickers import PickersReadOnce
from config.widgets import DateInput
from partnerships.forms.pickers import organisation_picker
from partnerships.models import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    Organisation,
)

DATE = DateInput()


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = [
            "name", "purpose", "scope", "section_is_member", "secretariat_rotation_start",
            "secretariat_term_months", "section_secretariat_position",
        ]  # fmt: skip
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "secretariat_rotation_start": DATE}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("section_secretariat_position") is not None and not data.get(
            "section_is_member"
        ):
            self.add_error(
                "section_secretariat_position",
                "Only a member takes its turn: tick “the Section is a member” or leave this empty.",
            )
        return data


class MembershipFormSetBase(PickersReadOnce, forms.BaseInlineFormSet):
    pass


MembershipFormSet = forms.inlineformset_factory(
    Coalition,
    CoalitionMembership,
    formset=MembershipFormSetBase,
    fields=["organisation", "role", "joined_on", "left_on", "secretariat_position"],
    widgets={"organisation": organisation_picker(), "joined_on": DATE, "left_on": DATE},
    extra=3,
    can_delete=True,
)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "location", "agenda", "minutes"]
        widgets = {
            "date": DATE,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }


class StatementForm(forms.ModelForm):
    class Meta:
        model = JointStatement
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}


class AgreementForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Member"))
    agreed_on = forms.DateField(widget=DATE, initial=timezone.localdate)
    note = forms.CharField(max_length=255, required=False)

    def __init__(self, *args, statement: JointStatement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            coalition_memberships__coalition=statement.coalition_id,
            coalition_memberships__left_on__isnull=True,
        ).exclude(statement_agreements__statement=statement)
