"""Campaigns and their spectrum of allies (seed 003)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation


class SpectrumPosition(models.IntegerChoices):
    """Ordered so that a move up is a step towards active ally."""

    ACTIVE_OPPOSITION = -2, _("Active opposition")
    PASSIVE_OPPOSITION = -1, _("Passive opposition")
    NEUTRAL = 0, _("Neutral")
    PASSIVE_ALLY = 1, _("Passive ally")
    ACTIVE_ALLY = 2, _("Active ally")


class Campaign(models.Model):
    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    goal = models.TextField(verbose_name=_("goal"))
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(null=True, blank=True, verbose_name=_("ends on"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outreach:campaign_detail", kwargs={"pk": self.pk})


_POSITION_RANGE = Q(position__gte=SpectrumPosition.ACTIVE_OPPOSITION) & Q(
    position__lte=SpectrumPosition.ACTIVE_ALLY
)


class SpectrumPlacement(models.Model):
    """Where an organisation stands now in a campaign; its moves are in SpectrumMove."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="placements", verbose_name=_("campaign")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="spectrum_placements",
        verbose_name=_("organisation"),
    )
    position = models.SmallIntegerField(
        choices=SpectrumPosition.choices, verbose_name=_("position")
    )
    placed_on = models.DateField(verbose_name=_("placed on"))

    class Meta:
        verbose_name = _("spectrum placement")
        verbose_name_plural = _("spectrum placements")
        ordering = ["campaign", "-position", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="spectrum_placement_once_per_campaign"
            ),
            models.CheckConstraint(condition=_POSITION_RANGE, name="spectrum_placement_position"),
        ]

    def __str__(self) -> str:
        return gettext("%(organisation)s: %(position)s in %(campaign)s") % {
            "organisation": self.organisation,
            "position": self.get_position_display(),
            "campaign": self.campaign,
        }


class SpectrumMove(models.Model):
    """One change of an organisation's position, kept for the campaign's history."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="moves", verbose_name=_("campaign")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="spectrum_moves",
        verbose_name=_("organisation"),
    )
    from_position = models.SmallIntegerField(
        choices=SpectrumPosition.choices, null=True, blank=True, verbose_name=_("from position")
    )
    position = models.SmallIntegerField(
        choices=SpectrumPosition.choices, verbose_name=_("position")
    )
    moved_on = models.DateField(verbose_name=_("moved on"))
    reason = models.TextField(verbose_name=_("reason"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spectrum_moves",
        verbose_name=_("moved by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("spectrum move")
        verbose_name_plural = _("spectrum moves")
        ordering = ["-moved_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=_POSITION_RANGE, name="spectrum_move_position"),
            models.CheckConstraint(
                condition=Q(from_position__isnull=True) | ~Q(from_position=F("position")),
                name="spectrum_move_changes_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.get_position_display()} ({self.moved_on})"

    @property
    def steps_towards_ally(self) -> int:
        """Positive when the organisation moved towards active ally."""
        if self.from_position is None:
            return 0
        return self.position - self.from_position
