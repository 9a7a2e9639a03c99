"""The partner registry: every organisation the Section works with or considers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.reversing import reverse_id
from partnerships.matching import domain_of, match_keys, normalise_name


class OrganisationKind(models.TextChoices):
    TRADE_UNION = "trade_union", _("Trade union")
    RELIGIOUS = "religious", _("Religious or church body")
    SCHOOL = "school", _("School-based organisation")
    PROFESSIONAL = "professional", _("Professional association")
    BUSINESS = "business", _("Business")
    SOLIDARITY = "solidarity", _("Solidarity or pressure group")
    ARMS_CONTROL = "arms_control", _("Arms control / violence monitoring group")
    HR_EDUCATION = "hr_education", _("Human rights education organisation")
    FUNDING = "funding", _("Funding NGO")
    ACADEMIC = "academic", _("Academic institution")
    DEVELOPMENT = "development", _("Developmental NGO")
    ENVIRONMENTAL = "environmental", _("Environmental group")
    UMBRELLA = "umbrella", _("Umbrella organisation / coalition")
    COMMUNITY = "community", _("Community group")
    GOVERNMENT = "government", _("Government body")
    IGO = "igo", _("Inter-governmental organisation")
    MEDIA = "media", _("Media")
    HUMAN_RIGHTS = "human_rights", _("Human rights NGO")


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class RelationshipStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    CONTACTED = "contacted", _("Contacted")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Declined")


SEARCH_MAX_CHARS = 200


class OrganisationQuerySet(models.QuerySet):
    def search(self, text: str) -> "OrganisationQuerySet":
        """Name, acronym or website domain; accents and legal suffixes do not matter."""
        # No name is longer than a model field: a longer text finds nothing anyway, and
        # SQLite refuses a LIKE pattern past 50,000 bytes.
        text = text.strip()[:SEARCH_MAX_CHARS]
        if not text:
            return self
        # The name is searched through its normalised key (lower case, no accents or
        # legal suffix), which has a trigram index; the raw name only when the text has
        # no key (punctuation alone), so the search never scans the whole registry.
        key = normalise_name(text)
        q = Q(name_key__contains=key) if key else Q(name__icontains=text)
        q |= Q(acronym__icontains=text)
        q |= Q(website_domain__icontains=domain_of(text) or text.lower())
        return self.filter(q)

    def with_active_partnership(self, value: bool = True) -> "OrganisationQuerySet":
        # Imported here: the partnerships module imports this one.
        from .partnerships import PartnershipStatus

        active = Q(partnerships__status=PartnershipStatus.ACTIVE)
        matching = self.filter(active).values("pk")
        return self.filter(pk__in=matching) if value else self.exclude(pk__in=matching)


class Organisation(models.Model):
    name = models.CharField(max_length=255, verbose_name=_("name"))
    acronym = models.CharField(max_length=50, blank=True, verbose_name=_("acronym"))
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, verbose_name=_("kind"))
    scope = models.CharField(
        max_length=20, choices=Scope.choices, default=Scope.NATIONAL, verbose_name=_("scope")
    )
    country = CountryField(blank=True, verbose_name=_("country"))
    region = models.CharField(max_length=120, blank=True, verbose_name=_("region"))
    website = models.URLField(blank=True, verbose_name=_("website"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(max_length=50, blank=True, verbose_name=_("phone"))

    # All rights are indivisible: an organisation may work on both.
    focus_civil_political = models.BooleanField(_("civil and political rights"), default=False)
    focus_economic_social_cultural = models.BooleanField(
        _("economic, social and cultural rights"), default=False
    )
    mandate_summary = models.TextField(blank=True, verbose_name=_("mandate summary"))

    indigenous_led = models.BooleanField(_("Indigenous led"), default=False)
    culturally_diverse = models.BooleanField(
        _("culturally and linguistically diverse"), default=False
    )
    disability_advocacy = models.BooleanField(default=False, verbose_name=_("disability advocacy"))
    lgbtqi = models.BooleanField(_("LGBTQI"), default=False)

    relationship_status = models.CharField(
        max_length=20,
        choices=RelationshipStatus.choices,
        default=RelationshipStatus.PROSPECT,
        verbose_name=_("relationship status"),
    )
    relationship_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_organisations",
        verbose_name=_("relationship owner"),
    )
    track_record = models.TextField(_("track record"), blank=True)
    trust_notes = models.TextField(blank=True, verbose_name=_("trust notes"))
    external_id = models.CharField(
        _("external identifier"),
        max_length=100,
        blank=True,
        help_text=_("An IATI organisation identifier, charity number or similar."),
    )

    # Derived keys for the existing-relationship check, kept in step by save().
    name_key = models.CharField(
        max_length=255, editable=False, db_index=True, verbose_name=_("name key")
    )
    acronym_key = models.CharField(
        max_length=50, editable=False, db_index=True, blank=True, verbose_name=_("acronym key")
    )
    website_domain = models.CharField(
        max_length=255, editable=False, db_index=True, blank=True, verbose_name=_("website domain")
    )
    email_domain = models.CharField(
        max_length=255, editable=False, db_index=True, blank=True, verbose_name=_("email domain")
    )
    # The name without where it works: "oxfam" for Oxfam Novib's sister Oxfam International.
    core_key = models.CharField(
        max_length=255, editable=False, db_index=True, blank=True, verbose_name=_("core key")
    )
    # "hrw" for Human Rights Watch, and "msf" for msf.nl and msf.org: sister records.
    initials_key = models.CharField(
        max_length=50, editable=False, db_index=True, blank=True, verbose_name=_("initials key")
    )
    website_family = models.CharField(
        max_length=255, editable=False, db_index=True, blank=True, verbose_name=_("website family")
    )
    email_family = models.CharField(
        max_length=255, editable=False, db_index=True, blank=True, verbose_name=_("email family")
    )

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        # The registry list's order, alone and within each filter of one value (issue
        # 15): a page in order and its count from the index; two filters combine their
        # indexes (kind and country: 4.4 ms to 1.7 at the bench). The trigram indexes of
        # the search are PostgreSQL-only, in migration 0002.
        indexes = [
            models.Index(fields=["name", "id"], name="organisation_name_id"),
            models.Index(fields=["kind", "name", "id"], name="organisation_kind_name_id"),
            models.Index(fields=["country", "name", "id"], name="organisation_country_name_id"),
            models.Index(fields=["scope", "name", "id"], name="organisation_scope_name_id"),
            models.Index(
                fields=["relationship_status", "name", "id"], name="organisation_status_name_id"
            ),
            # The list's "Last updated" column (100,000 sorted in 59 ms at the bench).
            models.Index(fields=["updated_at", "id"], name="organisation_updated_id"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="organisation_external_id_unique_when_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs) -> None:
        self.refresh_match_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:organisation_detail", self.pk)

    def refresh_match_keys(self) -> None:
        keys = match_keys(
            name=self.name, acronym=self.acronym, website=self.website, email=self.email
        )
        for field, value in keys.items():
            setattr(self, field, value)


class AffiliationKind(models.TextChoices):
    POLITICAL = "political", _("Political")
    RELIGIOUS = "religious", _("Religious")
    CORPORATE = "corporate", _("Corporate")


class Affiliation(models.Model):
    """A known political, religious or corporate tie (seed 002: check affiliations)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(max_length=20, choices=AffiliationKind.choices, verbose_name=_("kind"))
    description = models.CharField(max_length=255, verbose_name=_("description"))

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"
