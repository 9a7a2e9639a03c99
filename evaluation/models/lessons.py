"""Lessons learned: what a joint activity taught us, tagged so it comes back when a
new request concerns the same organisation, kind, sector or method."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.models import CooperationMethod
from partnerships.models.organisations import OrganisationKind


class Lesson(models.Model):
    evaluation = models.ForeignKey(
        "evaluation.Evaluation",
        on_delete=models.CASCADE,
        related_name="lessons",
        verbose_name=_("evaluation"),
    )
    text = models.TextField(verbose_name=_("text"))
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, null=True, blank=True,
        related_name="lessons",verbose_name=_("organisation")
    )  # fmt: skip
    organisation_kind = models.CharField(
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        verbose_name=_("organisation kind"),
    )
    # The outreach sector's slug: a tag, so that evaluation does not depend on outreach.
    sector = models.SlugField(max_length=120, blank=True, verbose_name=_("sector"))
    method = models.CharField(
        _("method of cooperation"), max_length=30, choices=CooperationMethod.choices, blank=True
    )
    coalition = models.ForeignKey(
        "partnerships.Coalition", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="lessons",verbose_name=_("coalition")
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return self.evaluation.get_absolute_url()
