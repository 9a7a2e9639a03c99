"""Forms of the contact, approach and import pages: they validate input only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import staff_users
from config.periods import PeriodFormMixin
from config.widgets import DateInput, country_input
from partnerships.forms.pickers import organisation_picker
from partnerships.models import Organisation

from ..models import (
    APPROACH_CHECKLIST,
    AT_RISK_PERMISSION,
    CONTACT_FIELDS,
    Approach,
    Contact,
    Employment,
)
from ..models.approaches import APPROACH_FIELDS
from ..models.contacts import email_taken_message
from ..services.imports import IMPORT_KINDS
from .fields import IdsChoiceField, KeywordsField

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
DATE = DateInput()


class ContactForm(forms.ModelForm):
    # The shared vocabulary, typed with autocomplete: a new interest needs no admin first.
    keywords = KeywordsField(label=_("Interest keywords"))
    consent_source = forms.CharField(
        required=False,
        max_length=200,
        label=_("Mailing consent given: where?"),
        help_text=_("Fill in only if the person agreed to receive mailings (a form, an event…)."),
    )

    class Meta:
        model = Contact
        fields = list(CONTACT_FIELDS)
        widgets = {
            "country": country_input(),
            "sectors": forms.CheckboxSelectMultiple,
        }
        field_classes = {"sectors": IdsChoiceField}
        help_texts = {
            "is_at_risk": _(
                "A human rights defender at risk: only people allowed to see such "
                "records will see this one, every view is logged, and it is left out of "
                "mailings and exports unless someone includes it on purpose."
            )
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].queryset = staff_users()
        if not user.has_perm(AT_RISK_PERMISSION):
            del self.fields["is_at_risk"]
        if self.instance.pk:
            # Consent of an existing contact changes through its own buttons, with a record.
            del self.fields["consent_source"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        others = Contact.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(email_taken_message(self.user))
        return email


class ConsentForm(forms.Form):
    source = forms.CharField(
        max_length=200,
        label=_("Where does the consent come from?"),
        help_text=_("e.g. signed up at the 10 December event, reply to our e-mail of 3 March"),
    )


class EmploymentForm(PeriodFormMixin, forms.ModelForm):
    period_fields = ("start_date", "end_date")

    class Meta:
        model = Employment
        fields = ["organisation", "role", "start_date", "end_date"]
        widgets = {"organisation": organisation_picker(), "start_date": DATE, "end_date": DATE}


class ApproachForm(forms.ModelForm):
    contact_email = forms.EmailField(
        required=False,
        label=_("Contact's e-mail"),
        help_text=_("The person approached, found by their e-mail address."),
    )

    class Meta:
        model = Approach
        fields = [name for name in APPROACH_FIELDS if name != "contact"]  # contact_email
        widgets = {
            "organisation": organisation_picker(),
            "approached_on": DATE,
            "follow_up_on": DATE,
            "ask": forms.Textarea(attrs={"rows": 3}),
            "why": forms.Textarea(attrs={"rows": 2}),
            "what_they_can_do": forms.Textarea(attrs={"rows": 2}),
            "outcome_notes": forms.Textarea(attrs={"rows": 2}),
            "reported_actions": forms.Textarea(attrs={"rows": 3}),
        }
        labels = dict(APPROACH_CHECKLIST)

    # Recording the first approach asks who owns the relationship (issue 12): only on
    # a new approach, and only used when the organisation has no owner yet.
    relationship_owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Who owns the relationship with this organisation?"),
        help_text=_("Asked while the organisation has no owner; an existing owner stays."),
    )

    def __init__(self, *args, contacts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.contacts = contacts  # the contacts this user may see
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["follow_up_owner"].queryset = staff_users()
        chosen = self.initial.get("organisation")
        owned = chosen and getattr(chosen, "relationship_owner_id", None)
        if self.instance.pk or owned:
            del self.fields["relationship_owner"]
        else:
            self.fields["relationship_owner"].queryset = staff_users()
        if self.instance.contact_id:
            self.fields["contact_email"].initial = self.instance.contact.email

    def clean_contact_email(self) -> Contact | None:
        email = self.cleaned_data["contact_email"]
        if not email:
            return None
        contact = self.contacts.filter(email__iexact=email).first()
        if contact is None:
            raise forms.ValidationError(_("No contact has this e-mail address."))
        return contact

    def clean(self) -> dict:
        data = super().clean()
        missing = not data.get("contact_email") and not data.get("organisation")
        if missing and "contact_email" not in self.errors:
            raise forms.ValidationError(_("Choose the contact or the organisation approached."))
        organisation = data.get("organisation")
        unowned = organisation is not None and organisation.relationship_owner_id is None
        if "relationship_owner" in self.fields and unowned and not data.get("relationship_owner"):
            self.add_error(
                "relationship_owner",
                _("Nobody owns the relationship with %(organisation)s yet: choose who does.")
                % {"organisation": organisation},
            )
        return data

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["contact"] = self.cleaned_data["contact_email"]
        return data

    def chosen_relationship_owner(self) -> User | None:
        return self.cleaned_data.get("relationship_owner")


class FollowUpDoneForm(forms.Form):
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(kind.key, kind.label) for kind in IMPORT_KINDS.values()],
        label=_("What to import"),
    )
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, first line naming the columns.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB: split it into parts."))
        return upload
