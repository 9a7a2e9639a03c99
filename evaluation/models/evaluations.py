"""Our evaluation of a joint activity: seed 000's eight questions, a rating and a
recommendation, and the next steps the recommendation sets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .activities import JointActivity, ThroughActivityQuerySet


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


# Seed 000, "Evaluating joint activity", in its order: (field, question).
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("succeeding", "Is the cooperation proving to be successful?"),
    ("effective_use", "Is it an effective use of resources?"),
    ("targets_reached", "Are targets being reached?"),
    ("negative_effects", "Have there been any negative effects so far?"),
    ("redirection_needed", "Is there a need for any redirection, or further explanation of our position?"),
    ("opportunities_used", "Have opportunities for publicity and membership expansion been fully exploited?"),
    ("beneficial_to_both", "Has cooperation been beneficial to both us and the partner?"),
    ("lessons_learned", "Have lessons been learned for use in future cooperation?"),
)  # fmt: skip
QUESTION_FIELDS = tuple(name for name, _ in QUESTIONS)


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETE = "complete", _("Complete")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    ADJUST = "adjust", _("Adjust")
    CONCLUDE = "conclude", _("Conclude")


def _answer_field(question: str) -> models.CharField:
    return models.CharField(question, max_length=10, choices=Answer.choices, blank=True)


def _all_answered() -> Q:
    condition = Q(overall_rating__isnull=False) & ~Q(recommendation="")
    for name in QUESTION_FIELDS:
        condition &= ~Q(**{name: ""})
    return condition


class Evaluation(models.Model):
    activity = models.OneToOneField(
        JointActivity, on_delete=models.CASCADE, related_name="evaluation"
    )
    status = models.CharField(
        max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    succeeding = _answer_field(QUESTIONS[0][1])
    succeeding_note = models.TextField(blank=True)
    effective_use = _answer_field(QUESTIONS[1][1])
    effective_use_note = models.TextField(blank=True)
    targets_reached = _answer_field(QUESTIONS[2][1])
    targets_reached_note = models.TextField(blank=True)
    negative_effects = _answer_field(QUESTIONS[3][1])
    negative_effects_note = models.TextField(blank=True)
    redirection_needed = _answer_field(QUESTIONS[4][1])
    redirection_needed_note = models.TextField(blank=True)
    opportunities_used = _answer_field(QUESTIONS[5][1])
    opportunities_used_note = models.TextField(blank=True)
    beneficial_to_both = _answer_field(QUESTIONS[6][1])
    beneficial_to_both_note = models.TextField(blank=True)
    lessons_learned = _answer_field(QUESTIONS[7][1])
    lessons_learned_note = models.TextField(blank=True)
    overall_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("1 (poor) to 5 (excellent)")
    )
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThroughActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at", "-pk"]
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
        return reverse("evaluation:activity_detail", args=[self.activity_id]) + "#evaluation"

    @property
    def is_complete(self) -> bool:
        return self.status == EvaluationStatus.COMPLETE

    def unanswered(self) -> list[str]:
        """The questions (and the rating and recommendation) still open."""
        missing = [question for name, question in QUESTIONS if not getattr(self, name)]
        if self.overall_rating is None:
            missing.append("Overall rating")
        if not self.recommendation:
            missing.append("Recommendation")
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

    activity = models.ForeignKey(JointActivity, on_delete=models.CASCADE, related_name="next_steps")
    # Empty when the partner's answer raised it (negative effects).
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, null=True, blank=True, related_name="next_steps"
    )
    kind = models.CharField(max_length=20, choices=NextStepKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, null=True, blank=True,
        related_name="evaluation_next_steps",
    )  # fmt: skip
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "kind", "organisation"],
                name="next_step_once_per_evaluation",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.activity}"
