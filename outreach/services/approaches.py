"""Approaches to contacts and organisations, and their follow-ups (seed 001)."""

from django.db import transaction
from django.utils import timezone

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from partnerships.services.relationships import relationship_approached

from ..models.approaches import APPROACH_FIELDS, Approach


def _fill_organisation_from_contact(approach: Approach) -> None:
    # An approach to someone with one current organisation belongs on its timeline too.
    if approach.organisation_id or not approach.contact_id:
        return
    # (django-stubs cannot resolve the reverse manager of a custom as_manager() queryset.)
    employments = approach.contact.employments.all()  # type: ignore[misc]
    current = [e for e in employments if e.end_date is None]
    if len(current) == 1:
        approach.organisation_id = current[0].organisation_id


def _save(approach: Approach, data: dict) -> Approach:
    unknown = set(data) - set(APPROACH_FIELDS)
    if unknown:
        raise TypeError(f"Not a field an approach form sets: {', '.join(sorted(unknown))}")
    for name in APPROACH_FIELDS:
        if name in data:
            setattr(approach, name, data[name])
    if approach.contact_id is None and approach.organisation_id is None:
        raise NotPossible("Choose the contact or the organisation approached.")
    _fill_organisation_from_contact(approach)
    approach.full_clean()
    approach.save()
    return approach


def _relationship_follows(approach: Approach, owner: User | None) -> None:
    if approach.organisation_id:
        relationship_approached(organisation=approach.organisation, owner=owner)


@transaction.atomic
def approach_create(
    *, created_by: User, data: dict, relationship_owner: User | None = None
) -> Approach:
    """Record an approach. The organisation approached becomes "contacted" if it was a
    prospect; `relationship_owner` owns the relationship if nobody did (the form asks)."""
    require_staff(created_by, to="record an approach")
    approach = Approach(created_by=created_by)
    if data.get("follow_up_on") and not data.get("follow_up_owner"):
        data = {**data, "follow_up_owner": created_by}
    approach = _save(approach, data)
    _relationship_follows(approach, relationship_owner)
    return approach


@transaction.atomic
def approach_update(*, approach: Approach, data: dict) -> Approach:
    # A new follow-up date reopens the follow-up that was done.
    if "follow_up_on" in data and data["follow_up_on"] != approach.follow_up_on:
        approach.followed_up_at = None
    approach = _save(approach, data)
    _relationship_follows(approach, None)  # an organisation named only now was approached too
    return approach


@transaction.atomic
def approach_mark_followed_up(*, approach: Approach, by: User, notes: str = "") -> Approach:
    require_staff(by, to="mark a follow-up done")
    if approach.follow_up_on is None:
        raise NotPossible("No follow-up is planned for this approach.")
    if approach.followed_up_at is not None:
        raise NotPossible("This follow-up is already marked as done.")
    approach.followed_up_at = timezone.now()
    if notes.strip():
        stamp = f"{timezone.localdate():%d %b %Y}, {by}: {notes.strip()}"
        approach.follow_up_notes = "\n".join(filter(None, [approach.follow_up_notes, stamp]))
    approach.save(update_fields=["followed_up_at", "follow_up_notes", "updated_at"])
    return approach
