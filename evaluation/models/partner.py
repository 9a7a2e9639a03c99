"""The partner's own view: a signed link to a short form, usable once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .activities import JointActivity, ThroughActivityQuerySet
from .evaluations import Answer


class PartnerLink(models.Model):
    """One link sent to a partner's contact; the token signs this row's id and the activity's."""

    activity = models.ForeignKey(
        JointActivity,
        on_delete=models.CASCADE,
        related_name="partner_links",
        verbose_name=_("activity"),
    )
    email = models.EmailField(_("partner contact's e-mail"))
    # The mail and, until the partner picks another, the form are in this language.
    language = models.CharField(
        _("language for mail"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("used at"))

    class Meta:
        verbose_name = _("partner link")
        verbose_name_plural = _("partner links")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return gettext("Link for %(email)s on %(activity)s") % {
            "email": self.email,
            "activity": self.activity,
        }


class PartnerAnswer(models.Model):
    """The questions that concern both sides, answered by the partner."""

    link = models.OneToOneField(
        PartnerLink, on_delete=models.CASCADE, related_name="answer", verbose_name=_("link")
    )
    activity = models.ForeignKey(
        JointActivity,
        on_delete=models.CASCADE,
        related_name="partner_answers",
        verbose_name=_("activity"),
    )
    beneficial_to_both = models.CharField(
        _("Has the cooperation been beneficial to both of us?"),
        max_length=10,
        choices=Answer.choices,
    )
    negative_effects = models.CharField(
        _("Have there been any negative effects?"), max_length=10, choices=Answer.choices
    )
    negative_effects_note = models.TextField(_("Which negative effects?"), blank=True)
    what_to_change = models.TextField(_("What should we change next time?"), blank=True)
    work_again = models.CharField(
        _("Would you work with us again?"), max_length=10, choices=Answer.choices
    )
    answered_at = models.DateTimeField(auto_now_add=True, verbose_name=_("answered at"))

    objects = ThroughActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner answer")
        verbose_name_plural = _("partner answers")
        ordering = ["-answered_at", "-pk"]

    def __str__(self) -> str:
        return gettext("Partner's view of %(activity)s") % {"activity": self.activity}
