"""Writing risk assessments, and the rule that gates approval on them (DOMAIN.md,
"Managing risk"). Views, the admin and the demo all write through here."""

import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.errors import NotPermitted, NotPossible
from accounts.models import User
from accounts.roles import is_local_group, is_section_staff
from partnerships.models import PartnershipRequest, RequestStatus

from .models import Check, Rating, RequestAdvice, RiskAssessment, RiskLine, RiskType
from .ratings import blocking_lines, overall_rating


def may_assess(user: User) -> bool:
    return is_section_staff(user)


def may_ask_advice(user: User) -> bool:
    """The event advisor: Section staff, and local groups planning an activity."""
    return is_section_staff(user) or is_local_group(user)


def completion_problems(assessment: RiskAssessment, lines: Iterable[RiskLine]) -> list[str]:
    """Why this assessment cannot be complete yet (nothing when it can): a line for
    every type of risk, every check of seed 002 ticked with a note, a review date."""
    problems = []
    missing = [label for value, label in RiskType.choices if value not in {line.risk_type for line in lines}]  # fmt: skip
    if missing:
        problems.append(f"Assess every type of risk: {', '.join(missing).lower()} is missing.")
    unticked = [
        check.label
        for check in Check
        if not getattr(assessment, f"check_{check}")
        or not getattr(assessment, f"check_{check}_note").strip()
    ]
    if unticked:
        problems.append(f"Tick every check with a note: {'; '.join(unticked)}.")
    if assessment.review_on is None:
        problems.append("Set a review date.")
    return problems


def _saved_lines(assessment: RiskAssessment) -> list[RiskLine]:
    # Not assessment.lines.all(): a prefetched cache would be the lines before this save.
    return list(RiskLine.objects.filter(assessment=assessment))


def _refresh_rating(assessment: RiskAssessment) -> RiskAssessment:
    assessment.rating = overall_rating(_saved_lines(assessment)) or ""
    assessment.save(update_fields=["rating"])
    return assessment


@transaction.atomic
def risk_assessment_save(
    *,
    user: User,
    assessment: RiskAssessment,
    lines: Sequence[RiskLine] = (),
    delete_lines: Sequence[RiskLine] = (),
) -> RiskAssessment:
    """Save an assessment (new or changed) with its changed lines, and derive its rating.

    A complete assessment must pass `completion_problems`; a refused save leaves
    nothing behind (the transaction rolls back)."""
    if not may_assess(user):
        raise NotPermitted("Only Section staff and coordinators may assess risk.")
    if assessment.pk is None and not assessment.assessor_id:
        assessment.assessor = user
    assessment.full_clean(exclude=["rating"])
    assessment.save()
    for line in delete_lines:
        if line.pk:
            line.delete()
    for line in lines:
        line.assessment = assessment
        line.full_clean(exclude=["assessment"])
        line.save()
    if assessment.is_complete() and (problems := completion_problems(assessment, _saved_lines(assessment))):  # fmt: skip
        raise NotPossible(" ".join(problems))
    return _refresh_rating(assessment)


@transaction.atomic
def risk_assessment_rating_refresh(*, assessment: RiskAssessment) -> RiskAssessment:
    """For writers that save the lines themselves (the admin's inlines)."""
    return _refresh_rating(assessment)


# --- The approval gate (registered in RiskConfig.ready()) ----------------------------------


def describe_line(line: RiskLine) -> str:
    return (
        f"{line.get_risk_type_display().lower()} risk {line.residual_likelihood}×"
        f"{line.residual_impact} = {line.residual_score} after mitigation "
        f"({line.residual_rating().label.lower()})"
        + (f": {line.mitigation.strip().rstrip('.')}" if line.mitigation.strip() else "")
    )


def request_approval_refusal(partnership_request: PartnershipRequest) -> str | None:
    """Seed 002 on approval: a request that needs authorisation needs a complete risk
    assessment first, and one that says "do not participate as partners" cannot be
    approved at all. Decline, ask for information and escalate are not gated."""
    if not partnership_request.needs_review():
        return None
    assessment = (
        RiskAssessment.objects.filter(partnership_request=partnership_request)
        .prefetch_related("lines")
        .first()
    )
    if assessment is None:
        return "This request needs a complete risk assessment before it can be approved; none has been made yet."  # fmt: skip
    if not assessment.is_complete():
        return "This request needs a complete risk assessment before it can be approved; its assessment is still a draft."  # fmt: skip
    lines = list(assessment.lines.all())
    if overall_rating(lines) == Rating.DO_NOT_PARTICIPATE:
        cited = "; ".join(describe_line(line) for line in blocking_lines(lines))
        return (
            "The risk assessment says do not participate as partners, so this request cannot "
            f"be approved: {cited}. A legal, reputational or physical risk that cannot be "
            "mitigated rules out partnering (the Partnership Guide); decline or escalate the request instead."
        )
    return None


# --- The advice given to a local group with its request ------------------------------------

# Advice asked for on a new request's form waits this long for the request to be saved.
PENDING_ADVICE_LIFETIME = datetime.timedelta(hours=2)


def _token(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return str(uuid.uuid4())


@transaction.atomic
def request_advice_record(
    *,
    user: User,
    token: str,
    event: Mapping[str, Any],
    advice: Mapping[str, Any],
    partnership_request: PartnershipRequest | None = None,
) -> RequestAdvice | None:
    """Keep the advice a local group was shown: on its draft, or (a new request's form)
    under the form's token until the request is saved. Once a request is submitted the
    advice it was given stays as it was."""
    if not is_local_group(user):
        raise NotPermitted("Only a local group's advice is kept with its request.")
    values = {
        "event": dict(event),
        "advice": dict(advice),
        "recommendation": advice["recommendation"],
        "visibility": advice["visibility"],
        "asked_by": user,
    }
    if partnership_request is not None:
        if partnership_request.status != RequestStatus.DRAFT:
            return None
        advice_row, _ = RequestAdvice.objects.update_or_create(
            partnership_request=partnership_request,
            defaults=values,
            create_defaults={**values, "token": str(uuid.uuid4())},
        )
        return advice_row
    token = _token(token)
    existing = RequestAdvice.objects.filter(token=token).first()
    if existing is not None and (
        existing.asked_by_id != user.pk or existing.partnership_request_id
    ):
        return None  # not this form's
    advice_row, _ = RequestAdvice.objects.update_or_create(token=token, defaults=values)
    return advice_row


@transaction.atomic
def request_advice_attach(*, partnership_request: PartnershipRequest) -> RequestAdvice | None:
    """A new request takes the advice its author was shown last on the request form.

    Partnerships does not know about risk, so this runs on the request's creation
    (a post_save receiver, RiskConfig.ready()); other advice that author left pending
    is dropped."""
    pending = RequestAdvice.objects.filter(
        partnership_request__isnull=True, asked_by_id=partnership_request.created_by_id
    )
    latest = pending.filter(updated_at__gte=timezone.now() - PENDING_ADVICE_LIFETIME).first()
    if latest is not None:
        latest.partnership_request = partnership_request
        latest.save(update_fields=["partnership_request", "updated_at"])
    pending.delete()
    return latest
