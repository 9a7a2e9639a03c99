from .assessments import Aim, SectorAssessment
from .campaigns import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition
from .contacts import Contact, ContactStatus, Employment, IndividualKind
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
    "ActionReport",
    "Aim",
    "Campaign",
    "Contact",
    "ContactStatus",
    "Employment",
    "IndividualKind",
    "Keyword",
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
]
