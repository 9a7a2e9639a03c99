from django import forms

from accounts.pickers import user_picker
from outreach.models import (
    ActionReport,
    NetworkMailing,
    OutreachStructure,
    StructureKind,
    StructureLevel,
)

from .fields import DateInput, today


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
                self.add_error("level", "A local group with a sector brief works at local level.")
            if not group:
                self.add_error("local_group", "Name the local group that holds the brief.")
        if group and level != StructureLevel.LOCAL_GROUP:
            self.add_error("local_group", "Only a structure at local group level has a group.")
        return cleaned


class NetworkMailingForm(forms.ModelForm):
    class Meta:
        model = NetworkMailing
        fields = ["title", "sent_on", "ask"]
        widgets = {"sent_on": DateInput(), "ask": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = today


class ActionReportForm(forms.ModelForm):
    class Meta:
        model = ActionReport
        fields = ["member", "reported_on", "action"]
        widgets = {"reported_on": DateInput(), "action": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, mailing: NetworkMailing, can_see_at_risk: bool, **kwargs):
        super().__init__(*args, **kwargs)
        member = self.fields["member"]
        member.queryset = mailing.structure.members.select_related("user", "contact")
        if not can_see_at_risk:
            member.label_from_instance = _masked_member_label
        self.fields["reported_on"].initial = today


def _masked_member_label(member) -> str:
    # A defender at risk stays unnamed to users without the dedicated permission.
    return "Restricted contact" if member.contact and member.contact.is_at_risk else str(member)
