"""Who looked at a person at risk, and when (seed 004: every access is logged)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed the record")
    EXPORT = "export", _("Exported the record")


class AtRiskAccessLog(models.Model):
    contact = models.ForeignKey(
        "outreach.Contact",
        on_delete=models.CASCADE,
        related_name="access_logs",
        verbose_name=_("contact"),
    )
    # PROTECT: the record of who looked must outlive a deleted account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="at_risk_accesses",
        verbose_name=_("user"),
    )
    action = models.CharField(
        max_length=10,
        choices=AccessAction.choices,
        default=AccessAction.VIEW,
        verbose_name=_("action"),
    )
    accessed_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("accessed at")
    )
    # Where it was shown: the page or export's path (detail, approach, structure, admin...).
    page = models.CharField(max_length=200, blank=True, verbose_name=_("page"))

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("access to a contact at risk")
        verbose_name_plural = _("accesses to contacts at risk")

    def __str__(self) -> str:
        return gettext("%(user)s %(action)s of %(contact)s") % {
            "user": self.user,
            "action": self.get_action_display().lower(),
            "contact": self.contact,
        }
