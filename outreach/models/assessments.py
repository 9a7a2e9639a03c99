"""Scoring a sector against seed 001's criteria for outreach priorities."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

from outreach import scoring

from .sectors import Sector


class Aim(models.TextChoices):
    """The Netherlands Section's aims for outreach work with a sector."""

    ACTION = "action", _("Action")
    EDUCATION = "education", _("Education")
    SPECIALIST_KNOWLEDGE = "specialist_knowledge", _("Supply specialist knowledge")
    RECRUITMENT = "recruitment", _("Recruitment")


def _criterion(
    label: "str | _StrPromise", help_text: "str | _StrPromise"
) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        validators=[MinValueValidator(scoring.SCORE_MIN), MaxValueValidator(scoring.SCORE_MAX)],
        help_text=help_text,
    )


class SectorAssessment(models.Model):
    """One dated scoring of a sector; the latest one places the sector on the chart."""

    sector = models.ForeignKey(
        Sector, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("sector")
    )
    assessed_on = models.DateField(verbose_name=_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sector_assessments",
        verbose_name=_("assessed by"),
    )

    domestic_influence = _criterion(
        _("influence in own society"),
        _("Contacts with government and media, own media, mobilising numbers, resources."),
    )
    international_influence = _criterion(
        _("international influence"),
        _("Access to international structures; links to counterparts in target countries."),
    )
    capacity_to_act = _criterion(
        _("capacity to act"),
        _("A human rights officer or committee, a way to apply pressure, research capacity."),
    )
    approachability = _criterion(
        _("approachability"),
        _("Can we find the right people, are they open, how little preparation is needed."),
    )
    not_yet_reached = _criterion(
        _("not yet reached / fundraising potential"),
        _("5 = not reached by our general activities, with high fundraising potential."),
    )
    credibility_effect = _criterion(
        _("effect on credibility and impartiality"),
        _("5 = strengthens our credibility; 0 = serious risk to impartiality or of misuse."),
    )
    target_country_impact = _criterion(
        _("possible impact on target countries"), _("Netherlands criterion.")
    )
    size = _criterion(_("size"), _("Netherlands criterion: how many people the sector counts."))
    preventive_aspects = _criterion(_("preventive aspects"), _("Netherlands criterion."))
    solidarity_information = _criterion(
        _("information for solidarity action"),
        _("Netherlands criterion: availability of information for solidarity action."),
    )

    aim_action = models.BooleanField(_("action"), default=False)
    aim_education = models.BooleanField(_("education"), default=False)
    aim_specialist_knowledge = models.BooleanField(_("supply specialist knowledge"), default=False)
    aim_recruitment = models.BooleanField(_("recruitment"), default=False)

    notes = models.TextField(blank=True, verbose_name=_("notes"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("sector assessment")
        verbose_name_plural = _("sector assessments")
        ordering = ["sector", "-assessed_on"]
        get_latest_by = "assessed_on"
        constraints = [
            models.UniqueConstraint(
                fields=["sector", "assessed_on"], name="sector_assessment_one_per_day"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": scoring.SCORE_MIN})
                    & Q(**{f"{name}__lte": scoring.SCORE_MAX}),
                    name=f"sector_assessment_{name}_0_5",
                )
                for name in scoring.ALL_CRITERIA
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(sector)s on %(date)s") % {
            "sector": self.sector,
            "date": f"{self.assessed_on:%Y-%m-%d}",
        }

    @property
    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in scoring.ALL_CRITERIA}

    @property
    def domestic_score(self) -> float:
        return scoring.domestic_score(self.scores)

    @property
    def international_score(self) -> float:
        return scoring.international_score(self.scores)

    @property
    def is_priority(self) -> bool:
        return scoring.is_priority(self.domestic_score, self.international_score)

    @property
    def aims(self) -> list[Aim]:
        return [aim for aim in Aim if getattr(self, f"aim_{aim.value}")]
