"""The partner's own view: a signed link, sent after commit, answered once."""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.emails import send_templated_email
from accounts.models import User
from evaluation.models import Answer, JointActivity, PartnerAnswer, PartnerLink

from .common import EvaluationRefused, may_change
from .evaluations import risk_review_flag

PARTNER_LINK_SALT = "evaluation.partner-link"


class LinkProblem(StrEnum):
    EXPIRED = "expired"
    USED = "used"
    TAMPERED = "tampered"
    OTHER_ACTIVITY = "other_activity"


@dataclass(frozen=True)
class LinkCheck:
    link: PartnerLink | None
    problem: LinkProblem | None = None


def partner_link_token(link: PartnerLink) -> str:
    return signing.dumps({"link": link.pk, "activity": link.activity_id}, salt=PARTNER_LINK_SALT)


def partner_link_url(link: PartnerLink) -> str:
    path = reverse("evaluation:partner_answer", args=[link.activity_id, partner_link_token(link)])
    return f"{settings.SITE_URL}{path}"


def partner_link_check(*, token: str, activity_id: int) -> LinkCheck:
    """Which link a token names, or why it cannot be used. Never raises."""
    try:
        data = signing.loads(
            token, salt=PARTNER_LINK_SALT, max_age=settings.EVALUATION_PARTNER_LINK_MAX_AGE
        )
    except signing.SignatureExpired:
        return LinkCheck(None, LinkProblem.EXPIRED)
    except signing.BadSignature:
        return LinkCheck(None, LinkProblem.TAMPERED)
    if not isinstance(data, dict) or not isinstance(data.get("link"), int):
        return LinkCheck(None, LinkProblem.TAMPERED)
    if data.get("activity") != activity_id:
        return LinkCheck(None, LinkProblem.OTHER_ACTIVITY)
    link = (
        PartnerLink.objects.select_related("activity")
        .filter(pk=data["link"], activity_id=activity_id)
        .first()
    )
    if link is None:
        return LinkCheck(None, LinkProblem.TAMPERED)
    if link.used_at is not None:
        return LinkCheck(link, LinkProblem.USED)
    return LinkCheck(link)


@transaction.atomic
def partner_link_create(*, activity: JointActivity, user: User, email: str) -> PartnerLink:
    """Record the link and send it to the partner's contact once the row is committed."""
    from evaluation.tasks import send_partner_link

    if not may_change(user, activity):
        raise EvaluationRefused("You may ask partners only about your own group's activities.")
    link = PartnerLink.objects.create(activity=activity, email=email, created_by=user)
    send_partner_link.delay(link.pk)  # after the commit (config.celery.TransactionAwareTask)
    return link


def partner_link_send(*, link_id: int) -> int:
    """Send the link's e-mail unless it went out already; returns messages sent."""
    claimed = PartnerLink.objects.filter(pk=link_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return 0
    link = PartnerLink.objects.select_related("activity").get(pk=link_id)
    try:
        return send_templated_email(
            template="partner_evaluation",
            context={
                "activity": link.activity,
                "url": partner_link_url(link),
                "valid_days": settings.EVALUATION_PARTNER_LINK_MAX_AGE // 86400,
            },
            to=[link.email],
        )
    except Exception:
        PartnerLink.objects.filter(pk=link_id).update(sent_at=None)  # the retry sends it
        raise


@transaction.atomic
def partner_answer_record(*, link: PartnerLink, answers: dict) -> PartnerAnswer:
    """Store the partner's answers; a link answers once (a conditional UPDATE claims it)."""
    claimed = PartnerLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not claimed:
        raise EvaluationRefused("This link has been used already.")
    answer = PartnerAnswer.objects.create(link=link, activity_id=link.activity_id, **answers)
    if answer.negative_effects == Answer.YES:
        risk_review_flag(activity=link.activity)
    return answer
