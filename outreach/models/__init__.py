from .contacts import Contact, ContactStatus, Employment, IndividualKind
from .sectors import Keyword, Sector

__all__ = ["Contact", "ContactStatus", "Employment", "IndividualKind", "Keyword", "Sector"]
