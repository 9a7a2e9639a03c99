from .access import AccessAction, AtRiskAccessLog
from .approaches import APPROACH_CHECKLIST, Approach, ApproachChannel, ApproachOutcome
from .contacts import AT_RISK_PERMISSION, Contact, ContactStatus, Employment, IndividualKind
from .sectors import Keyword, Sector

__all__ = [
    "APPROACH_CHECKLIST",
    "AT_RISK_PERMISSION",
    "AccessAction",
    "Approach",
    "ApproachChannel",
    "ApproachOutcome",
    "AtRiskAccessLog",
    "Contact",
    "ContactStatus",
    "Employment",
    "IndividualKind",
    "Keyword",
    "Sector",
]
