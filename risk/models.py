"""Risk assessments (seed 002, "Managing risk"): of a partnership request, a partnership
or an organisation, one line per type of risk, and the checks the seed names.

The overall rating is derived from the lines by `risk.ratings.overall_rating` and
stored only so that lists can filter by it; the services keep it in step.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.queries import id_in
from config.reversing import reverse_id
from partnerships.models import Organisation, Partnership, PartnershipRequest


class RiskType(models.TextChoices):
    """Seed 002: "Types of risk to consider when partnering include political, policy
    related, financial, legal, reputational and physical." """

    POLITICAL = "political", _("Political")
    POLICY = "policy", _("Policy")
    FINANCIAL = "financial", _("Financial")
    LEGAL = "legal", _("Legal")
    REPUTATIONAL = "reputational", _("Reputational")
    PHYSICAL = "physical", _("Physical")


class Rating(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    SEVERE = "severe", _("Severe")
    DO_NOT_PARTICIPATE = "do_not_participate", _("Do not participate as partners")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETE = "complete", _("Complete")


SCALE = [MinValueValidator(1), MaxValueValidator(5)]
LIKELIHOOD_LABELS = {1: "rare", 2: "unlikely", 3: "possible", 4: "likely", 5: "almost certain"}
IMPACT_LABELS = {1: "minimal", 2: "minor", 3: "moderate", 4: "major", 5: "severe"}


class Check(models.TextChoices):
    """What seed 002 asks us to look at before partnering; each is ticked with a note.
    A check's fields on RiskAssessment are `check_<value>` and `check_<value>_note`."""

    PAST_ACTIONS = "past_actions", _("Organisers' past actions and statements")
    AFFILIATIONS = "affiliations", _("Organisers' corporate and other affiliations")
    SPEAKERS = "speakers", _("Political or other affiliations of the speakers")
    MAJOR_PARTIES = (
        "major_parties",
        _(
            "Every major party invited (an event with a member of parliament, councillor or "
            "candidate), or its statement read out"
        ),
    )
    RELIGIOUS = "religious", _("Religious hosting: would a formal event look exclusionary?")
    INDIGENOUS = (
        "indigenous",
        _(
            "Indigenous-led organisers: their full consent, not dominating their space, where the "
            "funds raised go, whether our branding helps the long-term relationship"
        ),
    )


def _checked(check: Check) -> models.BooleanField:
    return models.BooleanField(check.label, default=False)


def _note(check: Check) -> models.TextField:
    # Lazy, so the label follows the language of the request that reads it.
    label = lazy(lambda: gettext("%(check)s: note") % {"check": check.label}, str)()
    return models.TextField(label, blank=True)


class RiskAssessmentQuerySet(models.QuerySet):
    def open(self) -> "RiskAssessmentQuerySet":
        return self.filter(status=AssessmentStatus.DRAFT)

    def complete(self) -> "RiskAssessmentQuerySet":
        return self.filter(status=AssessmentStatus.COMPLETE)

    def due_for_review(self, *, today: datetime.date) -> "RiskAssessmentQuerySet":
        """Complete assessments whose review date is within the notice period, or past."""
        notice = datetime.timedelta(days=settings.RISK_REVIEW_NOTICE_DAYS)
        return self.complete().filter(review_on__lte=today + notice)

    def with_line_of(self, risk_type: str) -> "RiskAssessmentQuerySet":
        """Assessments with a line of this type, by the lines' ids: never a repeated
        row, so no list needs DISTINCT (it sorted all 20,000 assessments of the bench
        for each page)."""
        return self.filter(pk__in=RiskLine.objects.filter(risk_type=risk_type).values("assessment"))

    def concerning(self, organisation: Organisation) -> "RiskAssessmentQuerySet":
        """Of the organisation itself, of requests naming it, of partnerships with it.

        The ids of each kind through its own index, in one UNION: an OR of the three
        made PostgreSQL misjudge the rows and scan every assessment and request (issue
        15's bench: 36 ms on the organisation timeline). Each set of ids is read first,
        then looked up through its index (config/queries.py): as joins, PostgreSQL still
        walked every assessment (10.4 ms at the bench, now 2.5)."""
        everyone = RiskAssessment.objects.order_by()
        requests = (
            PartnershipRequest.objects.filter(organisation=organisation).order_by().values("pk")
        )
        partnerships = Partnership.organisations.through.objects.filter(
            organisation=organisation
        ).values("partnership_id")
        ids = (
            everyone.filter(organisation=organisation)
            .values("pk")
            .union(
                everyone.filter(id_in("partnership_request", requests, using=self.db)).values("pk"),
                everyone.filter(id_in("partnership", partnerships, using=self.db)).values("pk"),
            )
        )
        return self.filter(id_in("pk", ids, using=self.db))


class RiskAssessment(models.Model):
    # Exactly one of the three targets (constraint below).
    partnership_request = models.OneToOneField(
        "partnerships.PartnershipRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_assessment",
        verbose_name=_("partnership request"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_assessments",
        verbose_name=_("partnership"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_assessments",
        verbose_name=_("organisation"),
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Optional: what is assessed, if not obvious."),
        verbose_name=_("title"),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="risk_assessments",
        verbose_name=_("assessor"),
    )
    assessed_on = models.DateField(default=timezone.localdate, verbose_name=_("assessed on"))
    status = models.CharField(
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        verbose_name=_("status"),
    )
    review_on = models.DateField(
        _("review date"), null=True, blank=True, help_text=_("Needed to complete the assessment.")
    )
    rating = models.CharField(
        max_length=20,
        choices=Rating.choices,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Derived from the lines; empty until there is one."),
        verbose_name=_("rating"),
    )

    check_past_actions = _checked(Check.PAST_ACTIONS)
    check_past_actions_note = _note(Check.PAST_ACTIONS)
    check_affiliations = _checked(Check.AFFILIATIONS)
    check_affiliations_note = _note(Check.AFFILIATIONS)
    check_speakers = _checked(Check.SPEAKERS)
    check_speakers_note = _note(Check.SPEAKERS)
    check_major_parties = _checked(Check.MAJOR_PARTIES)
    check_major_parties_note = _note(Check.MAJOR_PARTIES)
    check_religious = _checked(Check.RELIGIOUS)
    check_religious_note = _note(Check.RELIGIOUS)
    check_indigenous = _checked(Check.INDIGENOUS)
    check_indigenous_note = _note(Check.INDIGENOUS)

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-assessed_on", "-pk"]
        # The register's orders and its assessments due for review, read in order from
        # an index: without one, PostgreSQL joined all 20,000 assessments of the bench
        # to what a row names and sorted them for each page (issue 15: 238 ms).
        indexes = [
            models.Index(fields=["status", "assessed_on", "id"], name="risk_register_order"),
            models.Index(fields=["status", "review_on", "id"], name="risk_review_due"),
            models.Index(fields=["review_on", "id"], name="risk_review_order"),
            # This ordering: the admin's list.
            models.Index(fields=["assessed_on", "id"], name="risk_assessed_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        partnership_request__isnull=False,
                        partnership__isnull=True,
                        organisation__isnull=True,
                    )
                    | Q(
                        partnership_request__isnull=True,
                        partnership__isnull=False,
                        organisation__isnull=True,
                    )
                    | Q(
                        partnership_request__isnull=True,
                        partnership__isnull=True,
                        organisation__isnull=False,
                    )
                ),
                name="risk_assessment_exactly_one_target",
                violation_error_message=(
                    _(
                        "Assess exactly one thing: a partnership request, a partnership or an "
                        "organisation."
                    )
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=AssessmentStatus.COMPLETE) | Q(review_on__isnull=False),
                name="risk_assessment_complete_has_review_date",
                violation_error_message=_("A complete assessment needs a review date."),
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(review_on__gte=F("assessed_on")),
                name="risk_assessment_review_after_assessment",
                violation_error_message=_("The review date cannot be before the assessment."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or gettext("Risk assessment of %(target)s") % {"target": self.target}

    def get_absolute_url(self) -> str:
        return reverse_id("risk:assessment_detail", self.pk)

    @property
    def target(self):
        return self.partnership_request or self.partnership or self.organisation

    def target_organisations(self) -> list[Organisation]:
        if self.organisation is not None:
            return [self.organisation]
        if self.partnership_request is not None:
            return [self.partnership_request.organisation]
        assert self.partnership is not None  # the check constraint: exactly one target
        return list(self.partnership.organisations.all())

    def is_complete(self) -> bool:
        return self.status == AssessmentStatus.COMPLETE

    def checks(self) -> list[tuple[str, bool, str]]:
        """(label, ticked, note) for each check of seed 002, in order."""
        return [
            (
                str(check.label),
                getattr(self, f"check_{check}"),
                getattr(self, f"check_{check}_note"),
            )
            for check in Check
        ]


class RiskLine(models.Model):
    """One type of risk: how likely and how bad, what we do about it, and what remains."""

    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="lines", verbose_name=_("assessment")
    )
    risk_type = models.CharField(
        max_length=20, choices=RiskType.choices, verbose_name=_("risk type")
    )
    description = models.TextField(
        blank=True, help_text=_("What could happen."), verbose_name=_("description")
    )
    likelihood = models.PositiveSmallIntegerField(
        validators=SCALE, help_text=_("1 (rare) to 5."), verbose_name=_("likelihood")
    )
    impact = models.PositiveSmallIntegerField(
        validators=SCALE, help_text=_("1 (minimal) to 5."), verbose_name=_("impact")
    )
    mitigation = models.TextField(blank=True, verbose_name=_("mitigation"))
    residual_likelihood = models.PositiveSmallIntegerField(
        validators=SCALE, help_text=_("After mitigation."), verbose_name=_("residual likelihood")
    )
    residual_impact = models.PositiveSmallIntegerField(
        validators=SCALE, help_text=_("After mitigation."), verbose_name=_("residual impact")
    )

    class Meta:
        verbose_name = _("risk line")
        verbose_name_plural = _("risk lines")
        ordering = ["assessment", "pk"]
        # The register's heatmap counts lines by residual likelihood and impact: read in
        # that order from the index alone, 60,000 lines at the bench took 6.4 ms, where
        # hashing them from the table took 23 (issue 15). With the assessment, a
        # filtered register's heatmap reads the index alone too.
        indexes = [
            models.Index(
                fields=["residual_likelihood", "residual_impact"],
                include=["assessment"],
                name="risk_line_residual",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "risk_type"],
                name="risk_line_one_per_type",
                violation_error_message=_("Each type of risk has one line."),
            ),
            models.CheckConstraint(
                condition=Q(risk_type__in=RiskType.values), name="risk_line_type_known"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"risk_line_{name}_1_to_5",
                )
                for name in ("likelihood", "impact", "residual_likelihood", "residual_impact")
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(risk_type)s: %(score)s after mitigation") % {
            "risk_type": self.get_risk_type_display(),
            "score": self.residual_score,
        }

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    def residual_rating(self) -> "Rating":
        from .ratings import band  # ratings imports this module

        return band(self.residual_score)


class RequestAdvice(models.Model):
    """The event advisor's advice as given to a local group with its request.

    Stored as given (input and output), so a later change of rules does not rewrite
    what the group was told."""

    partnership_request = models.OneToOneField(
        "partnerships.PartnershipRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risk_advice",
        verbose_name=_("partnership request"),
    )
    # A request form being filled in has no request yet: its advice waits under a token.
    token = models.CharField(max_length=36, unique=True, verbose_name=_("token"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("asked by"),
    )
    event = models.JSONField(
        help_text=_("The event as described to the advisor."), verbose_name=_("event")
    )
    advice = models.JSONField(help_text=_("The advisor's answer."), verbose_name=_("advice"))
    recommendation = models.CharField(max_length=30, verbose_name=_("recommendation"))
    visibility = models.CharField(max_length=20, verbose_name=_("visibility"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("request advice")
        verbose_name_plural = _("request advices")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return gettext("Advice: %(recommendation)s (%(visibility)s)") % {
            "recommendation": self.recommendation,
            "visibility": self.visibility,
        }
