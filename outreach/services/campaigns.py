"""The spectrum of allies: placing and moving organisations, with their history."""

from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from outreach.models import Campaign, SpectrumMove, SpectrumPlacement, SpectrumPosition
from partnerships.models import Organisation


@transaction.atomic
def spectrum_place(
    *,
    campaign: Campaign,
    organisation: Organisation,
    position: int,
    moved_on: date,
    reason: str,
    moved_by: User | None = None,
) -> SpectrumMove:
    """Place an organisation on a campaign's spectrum, or move it; every change is kept.

    `moved_by` None: the system (demo data, imports), not a person."""
    if moved_by is not None:
        require_staff(moved_by, to=_("place organisations on the spectrum of allies"))
    if position not in SpectrumPosition.values:
        raise NotPossible(_("Choose one of the five positions."))
    if not reason.strip():
        raise NotPossible(_("Give the reason for the placement: the history keeps it."))
    placement = (
        SpectrumPlacement.objects.select_for_update()
        .filter(campaign=campaign, organisation=organisation)
        .first()
    )
    if placement and placement.position == position:
        raise NotPossible(
            _("%(organisation)s is already a %(position)s.")
            % {
                "organisation": organisation,
                "position": str(SpectrumPosition(position).label).lower(),
            }
        )
    if placement and moved_on < placement.placed_on:
        raise NotPossible(
            _("The move cannot predate the current placement (%(date)s).")
            % {"date": date_format(placement.placed_on)}
        )
    move = SpectrumMove.objects.create(
        campaign=campaign,
        organisation=organisation,
        from_position=placement.position if placement else None,
        position=position,
        moved_on=moved_on,
        reason=reason.strip(),
        moved_by=moved_by,
    )
    SpectrumPlacement.objects.update_or_create(
        campaign=campaign,
        organisation=organisation,
        defaults={"position": position, "placed_on": moved_on},
    )
    return move
