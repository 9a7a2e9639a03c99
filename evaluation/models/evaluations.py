"""Our evaluation of a joint activity: seed 000's eight questions, a rating and a
recommendation, and the next steps the recommendation sets."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.reversing import reverse_id

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

from .activities import JointActivity, ThroughActivityQuerySet


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


# Seed 000, "Evaluating joint activity", in its order: (field, question).
QUESTIONS: "tuple[tuple[str, str | _StrPromise], ...]" = (
    ("succeeding", _("Is the cooperation proving to be successful?")),
    ("effective_use", _("Is it an effective use of resources?")),
    ("targets_reached", _("Are targets being reached?")),
    ("negative_effects", _("Have there been any negative effects so far?")),
    ("redirection_needed", _("Is there a need for any redirection, or further explanation of our position?")),
    ("opportunities_used", _("Have opportunities for publicity and membership expansion been fully exploited?")),
    ("beneficial_to_both", _("Has cooperation been beneficial to both us and the partner?")),
    ("lessons_learned", _("Have lessons been learned for use in future cooperation?")),
)  # fmt: skip
QUESTION_FIELDS = tuple(name for name, _ in QUESTIONS)


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETE = "complete", _("Complete")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    ADJUST = "adjust", _("Adjust")
    CONCLUDE = "conclude", _("Conclude")


def _answer_field(question: "str | _StrPromise") -> models.CharField:
    return models.CharField(question, max_length=10, choices=Answer.choices, blank=True)


def _all_answered() -> Q:
    condition = Q(overall_rating__isnull=False) & ~Q(recommendation="")
    for name in QUESTION_FIELDS:
        condition &= ~Q(**{name: ""})
    return condition


class Evaluation(models.Model):
    activity = models.OneToOneField(
        JointActivity,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("activity"),
    )
    status = models.CharField(
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
        verbose_name=_("status"),
    )
    succeeding = _answer_field(QUESTIONS[0][1])
    succeeding_note = models.TextField(blank=True, verbose_name=_("succeeding note"))
    effective_use = _answer_field(QUESTIONS[1][1])
    effective_use_note = models.TextField(blank=True, verbose_name=_("effective use note"))
    targets_reached = _answer_field(QUESTIONS[2][1])
    targets_reached_note = models.TextField(blank=True, verbose_name=_("targets reached note"))
    negative_effects = _answer_field(QUESTIONS[3][1])
    negative_effects_note = models.TextField(blank=True, verbose_name=_("negative effects note"))
    redirection_needed = _answer_field(QUESTIONS[4][1])
    redirection_needed_note = models.TextField(
        blank=True, verbose_name=_("redirection needed note")
    )
    opportunities_used = _answer_field(QUESTIONS[5][1])
    opportunities_used_note = models.TextField(
        blank=True, verbose_name=_("opportunities used note")
    )
    beneficial_to_both = _answer_field(QUESTIONS[6][1])
    beneficial_to_both_note = models.TextField(
        blank=True, verbose_name=_("beneficial to both note")
    )
    lessons_learned = _answer_field(QUESTIONS[7][1])
    lessons_learned_note = models.TextField(blank=True, verbose_name=_("lessons learned note"))
    overall_rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("1 (poor) to 5 (excellent)"),
        verbose_name=_("overall rating"),
    )
    recommendation = models.CharField(
        max_length=10, choices=Recommendation.choices, blank=True, verbose_name=_("recommendation")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("completed at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ThroughActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-completed_at", "-pk"]
        # The admin's list in this order and the API's (the latest change first), from
        # an index (the bench: 10 ms sorting 6,000).
        indexes = [
            models.Index(fields=["completed_at", "id"], name="evaluation_completed"),
            models.Index(fields=["updated_at", "id"], name="evaluation_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_rating__isnull=True) | Q(overall_rating__range=(1, 5)),
                name="evaluation_rating_1_to_5",
            ),
            # The service refuses first; this keeps the rule true whatever writes the row.
            models.CheckConstraint(
                condition=Q(status=EvaluationStatus.DRAFT)
                | (_all_answered() & Q(completed_at__isnull=False)),
                name="evaluation_complete_only_when_all_answered",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Evaluation of %(activity)s") % {"activity": self.activity}

    def get_absolute_url(self) -> str:
        return reverse_id("evaluation:activity_detail", self.activity_id) + "#evaluation"

    @property
    def is_complete(self) -> bool:
        return self.status == EvaluationStatus.COMPLETE

    def unanswered(self) -> list[str]:
        """The questions (and the rating and recommendation) still open."""
        missing = [str(question) for name, question in QUESTIONS if not getattr(self, name)]
        if self.overall_rating is None:
            missing.append(gettext("Overall rating"))
        if not self.recommendation:
            missing.append(gettext("Recommendation"))
        return missing

    def answers(self) -> list[dict]:
        return [
            {
                "name": name,
                "question": question,
                "answer": getattr(self, name),
                "label": getattr(self, f"get_{name}_display")(),
                "note": getattr(self, f"{name}_note"),
            }
            for name, question in QUESTIONS
        ]


class NextStepKind(models.TextChoices):
    ADJUST = "adjust", _("Adjust the cooperation")
    CONCLUDE = "conclude", _("Propose concluding the partnership")
    RISK_REVIEW = "risk_review", _("Review the organisation for risk")


class NextStep(models.Model):
    """What an evaluation asks someone to do next; open until done."""

    activity = models.ForeignKey(
        JointActivity,
        on_delete=models.CASCADE,
        related_name="next_steps",
        verbose_name=_("activity"),
    )
    # Empty when the partner's answer raised it (negative effects).
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="next_steps",
        verbose_name=_("evaluation"),
    )
    kind = models.CharField(max_length=20, choices=NextStepKind.choices, verbose_name=_("kind"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, null=True, blank=True,
        related_name="evaluation_next_steps",verbose_name=_("organisation")
    )  # fmt: skip
    due_on = models.DateField(verbose_name=_("due on"))
    done_at = models.DateTimeField(null=True, blank=True, verbose_name=_("done at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["due_on", "pk"]
        # Once per activity, kind and organisation, a step without an organisation
        # included. Two partial constraints rather than nulls_distinct=False, which
        # SQLite (the embedded default) lacks: the same rule on both databases.
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "kind", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="next_step_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["activity", "kind"],
                condition=models.Q(organisation__isnull=True),
                name="next_step_once_per_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.activity}"
