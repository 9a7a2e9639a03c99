"""The coordinators' decisions on a partnership request: for each, its confirmation
form, whose cleaned fields are the keyword arguments of the service that makes it.

The admin's decision pages and the API's actions both read this table, so a decision
added or changed here is the same everywhere."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from partnerships.forms.decisions import (
    ApproveForm,
    AskInformationForm,
    DeclineForm,
    EscalateForm,
    StartReviewForm,
)
from partnerships.services import requests as services

# DOMAIN.md "Declining", shown beside the reason a coordinator writes.
DECLINE_GUIDANCE = _(
    "Explain the reasons clearly and with care for local sensitivities. A refusal is not a "
    "judgement of the other organisation: make sure no misunderstanding can arise on this point."
)


@dataclass(frozen=True)
class Decision:
    """One coordinator decision: its label, confirmation form, service and the sentence
    that confirms it was made."""

    label: str | Promise
    form: type[forms.Form]
    service: Callable[..., Any]
    done: str | Promise
    guidance: str | Promise = ""


DECISIONS: dict[str, Decision] = {
    "start_review": Decision(
        _("Take into review"),
        StartReviewForm,
        services.partnership_request_start_review,
        _("The request is now in review."),
    ),
    "approve": Decision(
        _("Approve"),
        ApproveForm,
        services.partnership_request_approve,
        _("The request is approved and its partnership is set up; the group is told by e-mail."),
    ),
    "decline": Decision(
        _("Decline"),
        DeclineForm,
        services.partnership_request_decline,
        _("The request is declined; the group is told the reason by e-mail."),
        DECLINE_GUIDANCE,
    ),
    "ask_information": Decision(
        _("Ask for information"),
        AskInformationForm,
        services.partnership_request_ask_information,
        _("The group has been asked for more information."),
    ),
    "escalate": Decision(
        _("Escalate to the International Secretariat"),
        EscalateForm,
        services.partnership_request_escalate,
        _("The request is escalated to the International Secretariat."),
    ),
}
