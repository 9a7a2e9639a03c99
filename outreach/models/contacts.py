from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.queries import id_in
from config.reversing import reverse_id
from partnerships.models import Organisation

from .sectors import Keyword, Sector


class IndividualKind(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    COMMUNITY_LEADER = "community_leader", _("Community leader")
    DOCTOR = "doctor", _("Doctor")
    LAWYER = "lawyer", _("Lawyer")
    JUDGE = "judge", _("Judge")
    JOURNALIST = "journalist", _("Journalist")
    OTHER = "other", _("Other")


class ContactStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Bounced")


AT_RISK_PERMISSION = "outreach.view_at_risk_contact"

# What a contact form sets (contact_create and contact_update accept no other field).
CONTACT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "individual_kind",
    "occupation",
    "country",
    "languages",
    "sectors",
    "keywords",
    "owner",
    "is_at_risk",
)


def search_words(queryset: models.QuerySet, text: str, fields: list[str]) -> models.QuerySet:
    """Rows where every word of `text` appears in at least one of `fields`."""
    for word in text.split():
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


# Consent given and not withdrawn: the one spelling of the condition. The queryset
# filters (CONSENT_GIVEN), the "may be mailed" index and `Contact.has_consent` (for one
# row in memory, through `_holds`) all read these lookups, so they cannot disagree.
CONSENT_GIVEN_LOOKUPS: dict[str, bool] = {
    "mailing_consent": True,
    "consent_withdrawn_at__isnull": True,
}
CONSENT_GIVEN = Q(**CONSENT_GIVEN_LOOKUPS)


def _holds(instance: models.Model, lookups: dict[str, bool]) -> bool:
    """The lookups (exact and `__isnull` only) evaluated on a row already in memory."""
    for key, wanted in lookups.items():
        name, _, lookup = key.partition("__")
        value = getattr(instance, name)
        if (value is None) != wanted if lookup == "isnull" else value != wanted:
            return False
    return True


# Said of any address already taken to a user who may not see people at risk, so the
# refusal is the same whether the owner is hidden or not: it confirms nobody.
EMAIL_TAKEN_NEUTRAL = (
    "This e-mail address cannot be used: it is already in use or reserved. "
    "Search the contacts, or ask a coordinator."
)


def may_see_at_risk(user) -> bool:
    return user is not None and user.has_perm(AT_RISK_PERMISSION)


def email_taken_message(user) -> str:
    if may_see_at_risk(user):
        return "Another contact already has this e-mail address."
    return EMAIL_TAKEN_NEUTRAL


class ContactQuerySet(models.QuerySet):
    def mailable(self, *, include_at_risk: bool = False) -> "ContactQuerySet":
        """Contacts that may receive a mailing: consent given and not withdrawn,
        not unsubscribed or bounced, an address to send to, and never a person
        at risk unless the sender explicitly includes them."""
        qs = self.with_consent().filter(status=ContactStatus.ACTIVE).exclude(email="")
        return qs if include_at_risk else qs.filter(is_at_risk=False)

    def visible_to(self, user) -> "ContactQuerySet":
        """Contacts this user may see: people at risk only with the dedicated permission."""
        if may_see_at_risk(user):
            return self
        return self.filter(is_at_risk=False)

    def with_consent(self) -> "ContactQuerySet":
        return self.filter(CONSENT_GIVEN)

    def without_consent(self) -> "ContactQuerySet":
        return self.exclude(CONSENT_GIVEN)

    def search(self, text: str) -> "ContactQuerySet":
        """Every word in a name, the e-mail, the occupation or an employer's name.

        Each word's matches are a UNION of two indexed lookups (the contact's trigram
        indexes, the employers' names) rather than one OR: an OR with the employers'
        subquery makes PostgreSQL scan every contact, and a join would repeat them."""
        queryset = self
        for word in text.split():
            direct = Q()
            for name in ["first_name", "last_name", "email", "occupation"]:
                direct |= Q(**{f"{name}__icontains": word})
            people = Contact.objects.filter(direct).order_by().values("pk")
            # The registry's own (indexed) search finds the employers.
            employers = Organisation.objects.search(word).order_by().values("pk")
            employed = Employment.objects.filter(organisation__in=employers)
            # The matches' ids first, then each contact by its key (config/queries.py):
            # as a join, PostgreSQL read all million contacts to meet a common name's
            # 22,000 (the bench: 282 ms for "jansen").
            matches = people.union(employed.order_by().values("contact_id"))
            queryset = queryset.filter(id_in("pk", matches, using=queryset.db))
        return queryset


class ContactRelatedQuerySet(models.QuerySet):
    """Rows that point at a contact (or at something that does): `visible_to` hides the
    rows of people at risk with the rule of `ContactQuerySet.visible_to`, so every list,
    count, inline and admin page asks the one question. Rows without a contact stay."""

    contact_path = "contact"

    def visible_to(self, user):
        if may_see_at_risk(user):
            return self
        return self.exclude(**{f"{self.contact_path}__is_at_risk": True})


class EmploymentQuerySet(ContactRelatedQuerySet):
    pass


class Contact(models.Model):
    """A person outside the Section: in an organisation, or of the broad movement."""

    first_name = models.CharField(max_length=120, blank=True, verbose_name=_("first name"))
    last_name = models.CharField(max_length=120, verbose_name=_("last name"))
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(max_length=50, blank=True, verbose_name=_("phone"))
    organisations = models.ManyToManyField(
        Organisation,
        through="Employment",
        blank=True,
        related_name="contacts",
        verbose_name=_("organisations"),
    )
    individual_kind = models.CharField(
        _("individual of the broad movement"),
        max_length=20,
        choices=IndividualKind.choices,
        blank=True,
    )
    occupation = models.CharField(
        max_length=120, blank=True, db_index=True, verbose_name=_("occupation")
    )
    country = CountryField(blank=True, db_index=True, verbose_name=_("country"))
    languages = models.CharField(
        max_length=120, blank=True, help_text=_("e.g. en, fr, es"), verbose_name=_("languages")
    )
    language = models.CharField(
        _("language for mail"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Mail goes out in this language when a translation exists."),
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="contacts", verbose_name=_("sectors")
    )
    keywords = models.ManyToManyField(
        Keyword, blank=True, related_name="contacts", verbose_name=_("keywords")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_contacts",
        verbose_name=_("owner"),
    )

    # Consent: without it a contact never receives a mailing.
    mailing_consent = models.BooleanField(default=False, verbose_name=_("mailing consent"))
    consent_given_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("consent given at")
    )
    consent_source = models.CharField(max_length=200, blank=True, verbose_name=_("consent source"))
    consent_withdrawn_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("consent withdrawn at")
    )
    status = models.CharField(
        max_length=20,
        choices=ContactStatus.choices,
        default=ContactStatus.ACTIVE,
        db_index=True,
        verbose_name=_("status"),
    )

    # A human rights defender at risk: restricted, never mailed or exported by default.
    is_at_risk = models.BooleanField(_("at risk"), default=False, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]
        permissions = [("view_at_risk_contact", "Can view contacts at risk")]
        # The contact list's order, for everyone and within "may be mailed" (mailable():
        # its counts and lists read this small partial index, not a million rows).
        # The search's trigram indexes are PostgreSQL-only, in migration 0005.
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="contact_name_id"),
            # The list's "Last changed" column (a million sorted in 280 ms at the bench).
            models.Index(fields=["updated_at", "id"], name="contact_updated_id"),
            models.Index(
                fields=["last_name", "first_name", "id"],
                name="contact_mailable_name_id",
                condition=Q(**CONSENT_GIVEN_LOOKUPS, status="active", is_at_risk=False)
                & ~Q(email=""),
            ),
        ]
        constraints = [
            # The e-mail recognises a contact (imports deduplicate by it; a mailing
            # reaches each address once), whatever its case.
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="contact_email_unique_when_given",
                violation_error_message=_("Another contact already has this e-mail address."),
            ),
            # Consent is only meaningful with the date it was given.
            models.CheckConstraint(
                condition=Q(mailing_consent=False) | Q(consent_given_at__isnull=False),
                name="contact_consent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse_id("outreach:contact_detail", self.pk)

    @property
    def has_consent(self) -> bool:
        # CONSENT_GIVEN, for one row already in memory.
        return _holds(self, CONSENT_GIVEN_LOOKUPS)

    def record_consent(self, *, source: str, given_at=None) -> None:
        """Consent given anew; an unsubscribed address becomes active again, a bounced one not."""
        self.mailing_consent = True
        self.consent_given_at = given_at or timezone.now()
        self.consent_source = source
        self.consent_withdrawn_at = None
        if self.status == ContactStatus.UNSUBSCRIBED:
            self.status = ContactStatus.ACTIVE

    def record_withdrawal(self, *, withdrawn_at=None) -> None:
        # The date and source of the original consent stay, as the record of what was agreed.
        self.mailing_consent = False
        self.consent_withdrawn_at = withdrawn_at or timezone.now()


class Employment(models.Model):
    """A contact's role in an organisation, with dates, because people move."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="employments", verbose_name=_("contact")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="employments",
        verbose_name=_("organisation"),
    )
    role = models.CharField(max_length=120, blank=True, verbose_name=_("role"))
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="employment_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return gettext("%(contact)s – %(role)s at %(organisation)s") % {
            "contact": self.contact,
            "role": self.role or gettext("member"),
            "organisation": self.organisation,
        }
