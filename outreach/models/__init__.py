from .access import AccessAction, AtRiskAccessLog
from .approaches import APPROACH_CHECKLIST, Approach, ApproachChannel, ApproachOutcome
from .assessments import Aim, SectorAssessment
from .campaigns import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition
from .contacts import (
    AT_RISK_PERMISSION,
    CONTACT_FIELDS,
    Contact,
    ContactStatus,
    Employment,
    IndividualKind,
)
from .imports import ImportJob, ImportJobStatus
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
    UrgentActionTranslation,
)
from .publications import Publication
from .sectors import Keyword, Sector
from .structures import (
    ActionReport,
    MeetingCadence,
    NetworkMailing,
    OutreachStructure,
    StructureKind,
    StructureLevel,
    StructureMember,
)

__all__ = [
    "ImportJob",
    "ImportJobStatus",
    "APPROACH_CHECKLIST",
    "AT_RISK_PERMISSION",
    "CONTACT_FIELDS",
    "AccessAction",
    "ActionReport",
    "Aim",
    "Approach",
    "ApproachChannel",
    "ApproachOutcome",
    "AtRiskAccessLog",
    "Campaign",
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
    "MeetingCadence",
    "NetworkMailing",
    "OutreachStructure",
    "Publication",
    "Sector",
    "SectorAssessment",
    "SpectrumMove",
    "SpectrumPlacement",
    "SpectrumPosition",
    "StructureKind",
    "StructureLevel",
    "StructureMember",
    "Urgency",
    "UrgentAction",
    "UrgentActionStatus",
    "UrgentActionTranslation",
]
