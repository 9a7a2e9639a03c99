"""Writes for sectors and their priority assessments."""

from collections.abc import Collection, Mapping
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from outreach import scoring
from outreach.models import Aim, Sector, SectorAssessment
from partnerships.models import Organisation


@transaction.atomic
def sector_assessment_record(
    *,
    sector: Sector,
    assessed_on: date,
    scores: Mapping[str, int],
    aims: Collection[str] = (),
    notes: str = "",
    assessed_by: User | None = None,
) -> SectorAssessment:
    """Score a sector on a date; a second scoring on the same date replaces the first.

    `assessed_by` None: the system (demo data), not a person."""
    if assessed_by is not None:
        require_staff(assessed_by, to=_("assess a sector"))
    missing = [name for name in scoring.ALL_CRITERIA if scores.get(name) is None]
    if missing:
        raise NotPossible(
            _("Every criterion needs a score; missing: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    unknown_aims = set(aims) - set(Aim.values)
    if unknown_aims:
        raise NotPossible(_("Unknown aims: %(aims)s.") % {"aims": ", ".join(sorted(unknown_aims))})
    values = {
        **{name: scores[name] for name in scoring.ALL_CRITERIA},
        **{f"aim_{aim.value}": aim.value in aims for aim in Aim},
        "notes": notes,
        "assessed_by": assessed_by,
    }
    assessment = (
        SectorAssessment.objects.select_for_update()
        .filter(sector=sector, assessed_on=assessed_on)
        .first()
    ) or SectorAssessment(sector=sector, assessed_on=assessed_on)
    for field, value in values.items():
        setattr(assessment, field, value)
    assessment.full_clean(validate_unique=False)
    assessment.save()
    return assessment


@transaction.atomic
def sector_organisation_add(*, sector: Sector, organisation: Organisation) -> None:
    sector.organisations.add(organisation)


@transaction.atomic
def sector_organisation_remove(*, sector: Sector, organisation: Organisation) -> None:
    sector.organisations.remove(organisation)
