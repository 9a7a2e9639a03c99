from .contacts import Contact, ContactStatus, Employment, IndividualKind
from .mailings import (
    Delivery,
    DeliveryStatus,
    Gender,
    Mailing,
    MailingKind,
    MailingStatus,
    Urgency,
    UrgentAction,
    UrgentActionStatus,
)
from .sectors import Keyword, Sector

__all__ = [
    "Contact",
    "ContactStatus",
    "Delivery",
    "DeliveryStatus",
    "Employment",
    "Gender",
    "IndividualKind",
    "Keyword",
    "Mailing",
    "MailingKind",
    "MailingStatus",
    "Sector",
    "Urgency",
    "UrgentAction",
    "UrgentActionStatus",
]
