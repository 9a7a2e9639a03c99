"""Requests from other organisations for the Section's support ("mutuality", seed 001)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.reversing import reverse_id

from .organisations import Organisation


class SupportDecision(models.TextChoices):
    PENDING = "pending", _("Not yet decided")
    SUPPORT = "support", _("Support")
    SUPPORT_IN_PART = "support_in_part", _("Support in part")
    DECLINE = "decline", _("Decline")


class SupportRequestQuerySet(models.QuerySet):
    def pending(self) -> "SupportRequestQuerySet":
        return self.filter(decision=SupportDecision.PENDING)


class SupportRequest(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="support_requests",
        verbose_name=_("organisation"),
    )
    requested_by = models.CharField(
        _("asked by"), max_length=200, help_text=_("The person who asked, and their role.")
    )
    subject = models.CharField(_("what they ask"), max_length=255)
    details = models.TextField(blank=True, verbose_name=_("details"))
    received_on = models.DateField(verbose_name=_("received on"))
    decision = models.CharField(
        max_length=20,
        choices=SupportDecision.choices,
        default=SupportDecision.PENDING,
        verbose_name=_("decision"),
    )
    reply = models.TextField(_("reply sent"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-received_on", "-pk"]
        constraints = [
            # A decline must be explained to the organisation that asked (DOMAIN.md).
            models.CheckConstraint(
                condition=~Q(decision=SupportDecision.DECLINE) | ~Q(reply=""),
                name="support_decline_has_reply",
            ),
            models.CheckConstraint(
                condition=Q(decision=SupportDecision.PENDING) | Q(decided_at__isnull=False),
                name="support_decision_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse_id("partnerships:support_detail", self.pk)

    @property
    def is_decided(self) -> bool:
        return self.decision != SupportDecision.PENDING
