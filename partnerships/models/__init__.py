from .coalitions import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    StatementAgreement,
)
from .organisations import Affiliation, Organisation
from .partnerships import Partnership, PartnershipStatus
from .requests import (
    ChecklistAnswer,
    CooperationMethod,
    PartnershipRequest,
    Purpose,
    RequestEvent,
    RequestStatus,
    Visibility,
)
from .support import SupportRequest

__all__ = [
    "Affiliation",
    "ChecklistAnswer",
    "Coalition",
    "CoalitionMembership",
    "CooperationMethod",
    "JointStatement",
    "Meeting",
    "Organisation",
    "Partnership",
    "PartnershipRequest",
    "PartnershipStatus",
    "Purpose",
    "RequestEvent",
    "RequestStatus",
    "StatementAgreement",
    "SupportRequest",
    "Visibility",
]
