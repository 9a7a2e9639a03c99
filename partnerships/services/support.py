"""Deciding other organisations' requests for the Section's support (mutuality, seed 001)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from partnerships.models import SupportRequest
from partnerships.models.support import SupportDecision


@transaction.atomic
def support_request_decide(
    *, support_request: SupportRequest, decision: str, reply: str, by: User
) -> SupportRequest:
    require_staff(by, to=_("decide a request for support"))
    support_request = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if support_request.is_decided:
        raise NotPossible(
            _("This request was already decided (%(decision)s).")
            % {"decision": support_request.get_decision_display()}
        )
    if decision not in SupportDecision.values or decision == SupportDecision.PENDING:
        raise NotPossible(_("Choose support, support in part or decline."))
    reply = reply.strip()
    # DOMAIN.md: a refusal is explained with care, never left unanswered.
    if decision == SupportDecision.DECLINE and not reply:
        raise ValidationError(  # on the form's reply field
            {"reply": "A decline needs the reply that was sent, written with care."}
        )
    support_request.decision = decision
    support_request.reply = reply
    support_request.decided_at = timezone.now()
    support_request.decided_by = by
    support_request.save(update_fields=["decision", "reply", "decided_at", "decided_by"])
    return support_request
