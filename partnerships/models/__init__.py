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

__all__ = [
    "Affiliation",
    "ChecklistAnswer",
    "CooperationMethod",
    "Organisation",
    "Partnership",
    "PartnershipRequest",
    "PartnershipStatus",
    "Purpose",
    "RequestEvent",
    "RequestStatus",
    "Visibility",
]
