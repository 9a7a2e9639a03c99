"""Coalitions and platforms (seed 000's Dutch platform): members, a rotating
secretariat, meetings, and joint statements that need every member's agreement."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.reversing import reverse_id

from .organisations import Organisation, Scope


class CoalitionQuerySet(models.QuerySet):
    def with_section(self) -> "CoalitionQuerySet":
        return self.filter(section_is_member=True)


class Coalition(models.Model):
    name = models.CharField(max_length=255, unique=True, verbose_name=_("name"))
    purpose = models.TextField(verbose_name=_("purpose"))
    scope = models.CharField(
        max_length=20, choices=Scope.choices, default=Scope.NATIONAL, verbose_name=_("scope")
    )
    section_is_member = models.BooleanField(_("the Section is a member"), default=False)
    organisations = models.ManyToManyField(
        Organisation,
        through="CoalitionMembership",
        related_name="coalitions",
        blank=True,
        verbose_name=_("organisations"),
    )
    # The secretariat passes to the next member in rotation every term.
    secretariat_rotation_start = models.DateField(
        null=True,
        blank=True,
        help_text=_("When the first member in the rotation took over."),
        verbose_name=_("secretariat rotation start"),
    )
    secretariat_term_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("How long each member holds the secretariat, in months."),
        verbose_name=_("secretariat term months"),
    )
    section_secretariat_position = models.PositiveSmallIntegerField(
        _("the Section's place in the secretariat rotation"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the Section does not take its turn."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = CoalitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(secretariat_term_months__gte=1),
                name="coalition_secretariat_term_positive",
            ),
            models.CheckConstraint(
                condition=Q(section_secretariat_position__isnull=True) | Q(section_is_member=True),
                name="coalition_section_rotates_only_as_member",
                violation_error_message=_(
                    "The Section takes a turn at the secretariat only as a member."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:coalition_detail", self.pk)


class MemberRole(models.TextChoices):
    FOUNDING = "founding", _("Founding member")
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    OBSERVER = "observer", _("Observer")


class CoalitionMembershipQuerySet(models.QuerySet):
    def current(self) -> "CoalitionMembershipQuerySet":
        return self.filter(left_on__isnull=True)


class CoalitionMembership(models.Model):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("coalition")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER, verbose_name=_("role")
    )
    joined_on = models.DateField(verbose_name=_("joined on"))
    left_on = models.DateField(null=True, blank=True, verbose_name=_("left on"))
    secretariat_position = models.PositiveSmallIntegerField(
        _("place in the secretariat rotation"),
        null=True,
        blank=True,
        help_text=_("Leave empty if this member does not take its turn."),
    )

    objects = CoalitionMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organisation"], name="coalition_membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="coalition_membership_left_after_joined",
                violation_error_message=_("A member cannot leave before it joined."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(organisation)s in %(coalition)s") % {
            "organisation": self.organisation,
            "coalition": self.coalition,
        }


class Meeting(models.Model):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("coalition")
    )
    date = models.DateField(verbose_name=_("date"))
    location = models.CharField(max_length=200, blank=True, verbose_name=_("location"))
    agenda = models.TextField(verbose_name=_("agenda"))
    minutes = models.TextField(blank=True, verbose_name=_("minutes"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return gettext("%(coalition)s meeting on %(date)s") % {
            "coalition": self.coalition,
            "date": date_format(self.date),
        }


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class JointStatement(models.Model):
    """Issued in the coalition's name only when every member agrees (seed 000)."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="statements", verbose_name=_("coalition")
    )
    title = models.CharField(max_length=255, verbose_name=_("title"))
    text = models.TextField(verbose_name=_("text"))
    status = models.CharField(
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.DRAFT,
        verbose_name=_("status"),
    )
    section_agreed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("section agreed at")
    )
    issued_at = models.DateTimeField(null=True, blank=True, verbose_name=_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("joint statement")
        verbose_name_plural = _("joint statements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=StatementStatus.DRAFT) | Q(issued_at__isnull=False),
                name="joint_statement_issued_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:statement_detail", self.pk)

    @property
    def is_issued(self) -> bool:
        return self.status == StatementStatus.ISSUED


class StatementAgreement(models.Model):
    """One member organisation's agreement to a joint statement."""

    statement = models.ForeignKey(
        JointStatement,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("statement"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="statement_agreements",
        verbose_name=_("organisation"),
    )
    agreed_on = models.DateField(verbose_name=_("agreed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.CharField(max_length=255, blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("statement agreement")
        verbose_name_plural = _("statement agreements")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "organisation"], name="statement_agreement_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(organisation)s agrees to %(statement)s") % {
            "organisation": self.organisation,
            "statement": self.statement,
        }
