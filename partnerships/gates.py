"""Conditions other apps put on approving a partnership request.

The risk app, for one, refuses approval without a complete assessment. Each app
registers a gate in its AppConfig.ready(); `partnership_request_approve` asks
them all, so the admin, the web pages and the API obey the same rule without
partnerships importing the apps that define it.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import PartnershipRequest

ApprovalGate = Callable[["PartnershipRequest"], str | None]
_gates: list[ApprovalGate] = []


def register_approval_gate(gate: ApprovalGate) -> ApprovalGate:
    """`gate(partnership_request)` returns the sentence that refuses approval, or None."""
    if gate not in _gates:
        _gates.append(gate)
    return gate


def approval_refusals(partnership_request) -> list[str]:
    reasons = (gate(partnership_request) for gate in _gates)
    return [reason for reason in reasons if reason]
