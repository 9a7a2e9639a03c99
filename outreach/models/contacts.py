from django.conf import settings
from django.db import models
from django_countries.fields import CountryField

from partnerships.models import Organisation

from .sectors import Keyword, Sector


class IndividualKind(models.TextChoices):
    TEACHER = "teacher", "Teacher"
    COMMUNITY_LEADER = "community_leader", "Community leader"
    DOCTOR = "doctor", "Doctor"
    LAWYER = "lawyer", "Lawyer"
    JUDGE = "judge", "Judge"
    JOURNALIST = "journalist", "Journalist"
    OTHER = "other", "Other"


class ContactStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    BOUNCED = "bounced", "Bounced"


class ContactQuerySet(models.QuerySet):
    def mailable(self, *, include_at_risk: bool = False) -> "ContactQuerySet":
        """Contacts that may receive a mailing: consent given and not withdrawn,
        not unsubscribed or bounced, an address to send to, and never a person
        at risk unless the sender explicitly includes them."""
        qs = self.filter(
            mailing_consent=True,
            consent_withdrawn_at__isnull=True,
            status=ContactStatus.ACTIVE,
        ).exclude(email="")
        return qs if include_at_risk else qs.filter(is_at_risk=False)


class Contact(models.Model):
    """A person outside the Section: in an organisation, or of the broad movement."""

    first_name = models.CharField(max_length=120, blank=True)
    last_name = models.CharField(max_length=120)
    email = models.EmailField("e-mail", blank=True, db_index=True)
    phone = models.CharField(max_length=50, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Employment", blank=True, related_name="contacts"
    )
    individual_kind = models.CharField(
        "individual of the broad movement",
        max_length=20,
        choices=IndividualKind.choices,
        blank=True,
    )
    occupation = models.CharField(max_length=120, blank=True, db_index=True)
    country = CountryField(blank=True, db_index=True)
    languages = models.CharField(max_length=120, blank=True, help_text="e.g. en, fr, es")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="contacts")
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="contacts")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_contacts",
    )

    # Consent: without it a contact never receives a mailing.
    mailing_consent = models.BooleanField(default=False)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(max_length=200, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ContactStatus.choices, default=ContactStatus.ACTIVE, db_index=True
    )

    # A human rights defender at risk: restricted, never mailed or exported by default.
    is_at_risk = models.BooleanField("at risk", default=False, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        permissions = [("view_at_risk_contact", "Can view contacts at risk")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Employment(models.Model):
    """A contact's role in an organisation, with dates, because people move."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="employments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="employments"
    )
    role = models.CharField(max_length=120, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.contact} – {self.role or 'member'} at {self.organisation}"
