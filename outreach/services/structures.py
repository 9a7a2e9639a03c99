"""Writes for outreach structures, their members and, for networks, what members report."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from outreach.models import (
    ActionReport,
    Contact,
    NetworkMailing,
    OutreachStructure,
    StructureLevel,
    StructureMember,
)


@transaction.atomic
def structure_save(*, structure: OutreachStructure) -> OutreachStructure:
    """Save a structure validated by its form; a sector brief belongs to a local group only."""
    if structure.level != StructureLevel.LOCAL_GROUP:
        structure.local_group = None
    structure.full_clean()
    structure.save()
    return structure


@transaction.atomic
def structure_member_add(
    *,
    structure: OutreachStructure,
    user: User | None = None,
    contact: Contact | None = None,
    role: str = "",
    joined_on: date | None = None,
) -> StructureMember:
    if (user is None) == (contact is None):
        raise NotPossible(_("A member is either a user or a contact."))
    try:
        with transaction.atomic():
            return StructureMember.objects.create(
                structure=structure, user=user, contact=contact, role=role, joined_on=joined_on
            )
    except IntegrityError as exc:
        raise NotPossible(
            _("%(member)s is already a member.") % {"member": user or contact}
        ) from exc


@transaction.atomic
def structure_member_remove(*, member: StructureMember) -> None:
    member.delete()


def _require_network(structure: OutreachStructure) -> None:
    if not structure.is_network:
        raise NotPossible(_("Only a network keeps a record of mailings and members' reports."))


@transaction.atomic
def network_mailing_create(
    *, structure: OutreachStructure, title: str, sent_on: date, ask: str = ""
) -> NetworkMailing:
    _require_network(structure)
    return NetworkMailing.objects.create(structure=structure, title=title, sent_on=sent_on, ask=ask)


@transaction.atomic
def action_report_record(
    *, mailing: NetworkMailing, member: StructureMember, reported_on: date, action: str
) -> ActionReport:
    """Record what a network member says they did in response to a mailing."""
    _require_network(mailing.structure)
    if member.structure_id != mailing.structure_id:
        raise NotPossible(
            _("%(member)s is not a member of %(structure)s.")
            % {"member": member, "structure": mailing.structure}
        )
    if reported_on < mailing.sent_on:
        raise NotPossible(_("A report cannot predate the mailing it answers."))
    if not action.strip():
        raise NotPossible(_("Say what the member reported doing."))
    return ActionReport.objects.create(
        mailing=mailing, member=member, reported_on=reported_on, action=action.strip()
    )
