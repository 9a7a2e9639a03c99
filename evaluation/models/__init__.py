from .activities import ActivityQuerySet, JointActivity, RunBy, Target, TargetStatus, target_status
from .evaluations import (
    QUESTIONS,
    Answer,
    Evaluation,
    EvaluationStatus,
    NextStep,
    NextStepKind,
    Recommendation,
)
from .lessons import Lesson
from .partner import PartnerAnswer, PartnerLink

__all__ = [
    "QUESTIONS",
    "ActivityQuerySet",
    "Answer",
    "Evaluation",
    "EvaluationStatus",
    "JointActivity",
    "Lesson",
    "NextStep",
    "NextStepKind",
    "PartnerAnswer",
    "PartnerLink",
    "Recommendation",
    "RunBy",
    "Target",
    "TargetStatus",
    "target_status",
]
