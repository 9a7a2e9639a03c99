"""Joint activities carried out under a partnership or a coalition, and their targets."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_local_group, is_section_staff
from config.reversing import reverse_id
from partnerships.models import CooperationMethod


class RunBy(models.TextChoices):
    LOCAL_GROUP = "local_group", _("The local group")
    SECTION_STAFF = "section_staff", _("Section staff")
    BOTH = "both", _("The local group with Section staff")


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ActivityQuerySet":
        """Staff see every activity; a local group only those of its own partnerships."""
        if is_section_staff(user):
            return self
        if is_local_group(user):
            return self.filter(partnership__local_group_id=user.local_group_id)
        return self.none()

    def ended_before(self, day) -> "ActivityQuerySet":
        return self.filter(ends_on__lt=day)

    def without_complete_evaluation(self) -> "ActivityQuerySet":
        return self.exclude(evaluation__status="complete")


class ThroughActivityQuerySet(models.QuerySet):
    """Rows that belong to an activity are visible exactly when their activity is."""

    def visible_to(self, user):
        return self.filter(activity__in=JointActivity.objects.visible_to(user).values("pk"))


class JointActivity(models.Model):
    """One piece of joint work (seed 000's "joint activity"), under exactly one
    partnership or one coalition."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("partnership"),
    )
    coalition = models.ForeignKey(
        "partnerships.Coalition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("coalition"),
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    kind = models.CharField(
        _("method of cooperation"), max_length=30, choices=CooperationMethod.choices
    )
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(verbose_name=_("ends on"))
    place = models.CharField(max_length=200, blank=True, verbose_name=_("place"))
    run_by = models.CharField(_("run by"), max_length=20, choices=RunBy.choices)
    staff_hours = models.DecimalField(
        max_digits=8, decimal_places=1, default=Decimal(0), verbose_name=_("staff hours")
    )
    volunteer_hours = models.DecimalField(
        max_digits=8, decimal_places=1, default=Decimal(0), verbose_name=_("volunteer hours")
    )
    money_spent = models.DecimalField(
        _("money spent (EUR)"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    in_kind = models.CharField(_("in-kind resources"), max_length=500, blank=True)
    public_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    description = models.TextField(blank=True, verbose_name=_("description"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["-starts_on", "-pk"]
        # The activity list's two orders and the admin's (this ordering), read from an
        # index: without, PostgreSQL joined all 10,000 activities of the bench to their
        # partnership, coalition and evaluation and sorted them for each page (issue 15:
        # 18 ms).
        indexes = [
            models.Index(fields=["ends_on", "id"], name="activity_latest"),
            models.Index(fields=["title", "id"], name="activity_title"),
            models.Index(fields=["starts_on", "id"], name="activity_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(partnership__isnull=False) & Q(coalition__isnull=True))
                | (Q(partnership__isnull=True) & Q(coalition__isnull=False)),
                name="activity_under_one_partnership_or_coalition",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(staff_hours__gte=0) & Q(volunteer_hours__gte=0) & Q(money_spent__gte=0),
                name="activity_resources_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_id("evaluation:activity_detail", self.pk)

    @property
    def under(self):
        """The partnership or coalition the activity belongs to."""
        return self.partnership or self.coalition

    @property
    def organisations(self):
        """The partner organisations (a coalition's members)."""
        return (self.partnership or self.coalition).organisations.all()


class TargetStatus(models.TextChoices):
    REACHED = "reached", _("Reached")
    PARTLY = "partly", _("Partly reached")
    NOT_REACHED = "not_reached", _("Not reached")
    PENDING = "pending", _("No result yet")


def target_status(*, baseline: Decimal, target: Decimal, actual: Decimal | None) -> TargetStatus:
    """Reached, partly or not reached: the one place this is decided.

    A target below its baseline is a reduction (fewer incidents, say): reaching
    means getting down to it. Partly means the actual moved from the baseline
    towards the target without getting there."""
    if actual is None:
        return TargetStatus.PENDING
    if target >= baseline:
        reached, progressed = actual >= target, actual > baseline
    else:
        reached, progressed = actual <= target, actual < baseline
    if reached:
        return TargetStatus.REACHED
    return TargetStatus.PARTLY if progressed else TargetStatus.NOT_REACHED


class Target(models.Model):
    """Set at the start of an activity: what it should achieve, measured by an indicator."""

    activity = models.ForeignKey(
        JointActivity, on_delete=models.CASCADE, related_name="targets", verbose_name=_("activity")
    )
    indicator = models.CharField(max_length=200, verbose_name=_("indicator"))
    unit = models.CharField(
        max_length=50, help_text=_("people, signatures, articles…"), verbose_name=_("unit")
    )
    baseline = models.DecimalField(
        max_digits=12, decimal_places=2, default=Decimal(0), verbose_name=_("baseline")
    )
    target = models.DecimalField(max_digits=12, decimal_places=2, verbose_name=_("target"))
    actual = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, verbose_name=_("actual")
    )

    objects = ThroughActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target} {self.unit}"

    @property
    def status(self) -> TargetStatus:
        return target_status(baseline=self.baseline, target=self.target, actual=self.actual)
