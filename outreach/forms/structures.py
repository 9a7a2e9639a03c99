from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.pickers import user_picker
from config.widgets import DateInput
from outreach.models import (
    ActionReport,
    Contact,
    NetworkMailing,
    OutreachStructure,
    StructureKind,
    StructureLevel,
    StructureMember,
)

from .fields import today


class OutreachStructureForm(forms.ModelForm):
    class Meta:
        model = OutreachStructure
        fields = [
            "name",
            "kind",
            "level",
            "sector",
            "local_group",
            "brief",
            "meeting_cadence",
            "newsletter",
            "coordinator",
        ]
        widgets = {"brief": forms.Textarea(attrs={"rows": 3}), "coordinator": user_picker()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = self.fields["coordinator"].queryset.filter(
            local_group__isnull=True, is_active=True
        )

    def clean(self):
        cleaned = super().clean()
        level, group = cleaned.get("level"), cleaned.get("local_group")
        if cleaned.get("kind") == StructureKind.LOCAL_GROUP_BRIEF:
            if level != StructureLevel.LOCAL_GROUP:
                self.add_error(
                    "level", _("A local group with a sector brief works at local level.")
                )
            if not group:
                self.add_error("local_group", _("Name the local group that holds the brief."))
        if group and level != StructureLevel.LOCAL_GROUP:
            self.add_error("local_group", _("Only a structure at local group level has a group."))
        return cleaned


class NetworkMailingForm(forms.ModelForm):
    class Meta:
        model = NetworkMailing
        fields = ["title", "sent_on", "ask"]
        widgets = {"sent_on": DateInput(), "ask": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = today


class StructureMemberAddForm(forms.Form):
    """Who joins: a user or a contact (one of the two hidden fields), with a role."""

    user = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), required=False)
    role = forms.CharField(max_length=StructureMember._meta.get_field("role").max_length, required=False)  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(local_group__isnull=True)
        self.fields["contact"].queryset = Contact.objects.visible_to(user)

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and (data.get("user") is None) == (data.get("contact") is None):
            raise forms.ValidationError("Choose one user or one contact to add.")
        return data


class ActionReportForm(forms.ModelForm):
    class Meta:
        model = ActionReport
        fields = ["member", "reported_on", "action"]
        widgets = {"reported_on": DateInput(), "action": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, mailing: NetworkMailing, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A defender at risk is no choice at all for users without the permission.
        members = mailing.structure.members.visible_to(user)
        self.fields["member"].queryset = members.select_related("user", "contact")
        self.fields["reported_on"].initial = today
