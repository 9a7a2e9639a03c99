"""Partnerships: the cooperation that an approved request (or staff) set up."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation
from .requests import ChoiceListValidator, Visibility


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")


class PartnershipQuerySet(models.QuerySet):
    def active(self) -> "PartnershipQuerySet":
        return self.filter(status=PartnershipStatus.ACTIVE)


class Partnership(models.Model):
    title = models.CharField(max_length=200, verbose_name=_("title"))
    organisations = models.ManyToManyField(
        Organisation, related_name="partnerships", verbose_name=_("organisations")
    )
    originating_request = models.OneToOneField(
        "partnerships.PartnershipRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership",
        verbose_name=_("originating request"),
    )
    local_group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("local group"),
    )
    methods = models.JSONField(
        _("methods of cooperation"),
        default=list,
        validators=[ChoiceListValidator("partnerships.models.requests.CooperationMethod")],
    )
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, verbose_name=_("visibility")
    )
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(null=True, blank=True, verbose_name=_("ends on"))
    status = models.CharField(
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
        verbose_name=_("status"),
    )
    # Set by an evaluation that recommends continuing (evaluation app); due on the lead's reminders.
    review_on = models.DateField(_("next review"), null=True, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_partnerships",
        verbose_name=_("staff lead"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="partnership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title
