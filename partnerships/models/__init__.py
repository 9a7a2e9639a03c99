from .coalitions import (
    Coalition,
    CoalitionMembership,
    JointStatement,
    Meeting,
    StatementAgreement,
)
from .organisations import Affiliation, Organisation
from .support import SupportRequest

__all__ = [
    "Affiliation",
    "Coalition",
    "CoalitionMembership",
    "JointStatement",
    "Meeting",
    "Organisation",
    "StatementAgreement",
    "SupportRequest",
]
