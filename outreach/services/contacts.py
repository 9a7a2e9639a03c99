"""Contacts: creation, changes, consent and the at-risk access log."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from accounts.errors import NotPermitted, NotPossible
from accounts.models import User
from accounts.roles import is_section_staff, require_staff
from config.periods import ends_before_it_starts
from partnerships.models import Organisation

from ..models import (
    AT_RISK_PERMISSION,
    CONTACT_FIELDS,
    AccessAction,
    AtRiskAccessLog,
    Contact,
    ContactStatus,
    Employment,
)
from .keywords import keywords_resolve

# Consent and status are not among CONTACT_FIELDS: they change only through the
# consent services below.
_M2M_FIELDS = ("sectors", "keywords")
_PLAIN_FIELDS = tuple(name for name in CONTACT_FIELDS if name not in _M2M_FIELDS)


def _check_at_risk_allowed(*, user: User, data: dict, contact: Contact | None = None) -> None:
    changes_flag = data.get("is_at_risk") is not None and (
        contact is None or data["is_at_risk"] != contact.is_at_risk
    )
    if changes_flag and data["is_at_risk"] and not user.has_perm(AT_RISK_PERMISSION):
        raise NotPermitted("Only users allowed to see contacts at risk may mark one.")


def _apply(contact: Contact, data: dict) -> None:
    """`data["keywords"]`, when given, holds names from the shared vocabulary."""
    unknown = set(data) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Not a field a contact form sets: {', '.join(sorted(unknown))}")
    owner = data.get("owner")
    if owner is not None and not is_section_staff(owner):
        raise NotPossible(f"{owner} is not a member of the Section staff, so cannot own a contact.")
    if "keywords" in data:
        data = {**data, "keywords": keywords_resolve(names=data["keywords"])}
    for name in _PLAIN_FIELDS:
        if name in data:
            setattr(contact, name, data[name])
    contact.full_clean()
    contact.save()
    for name in _M2M_FIELDS:
        if name in data:
            getattr(contact, name).set(data[name])


@transaction.atomic
def contact_create(
    *,
    created_by: User,
    data: dict,
    consent_source: str = "",
    consent_given_at: datetime.datetime | None = None,
) -> Contact:
    """A new contact; consent is recorded only with its source (a mailing needs both)."""
    require_staff(created_by, to="add contacts")
    _check_at_risk_allowed(user=created_by, data=data)
    # Whoever adds a contact owns it unless someone else is named.
    data = {**data, "owner": data.get("owner") or created_by}
    contact = Contact()
    if consent_source:
        consent_decide(
            contact=contact, wants=True, source=consent_source, given_at=consent_given_at
        )
    _apply(contact, data)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, updated_by: User, data: dict) -> Contact:
    require_staff(updated_by, to="change contacts")
    _check_at_risk_allowed(user=updated_by, data=data, contact=contact)
    old_email = contact.email
    _apply(contact, data)
    # A bounce belongs to the old address: a corrected one may be mailed again.
    if contact.status == ContactStatus.BOUNCED and contact.email.lower() != old_email.lower():
        contact.status = ContactStatus.ACTIVE
        contact.save(update_fields=["status", "updated_at"])
    return contact


def consent_decide(
    *,
    contact: Contact,
    wants: bool,
    source: str = "",
    when: datetime.datetime | None = None,
    given_at: datetime.datetime | None = None,
) -> bool:
    """The one rule for consent, for the contact pages, contact_create and the import:
    a "yes" counts only with where it comes from; a "no" withdraws a consent given
    (its date and source stay as the record of what was agreed). Changes `contact`
    without saving it; returns whether anything changed."""
    when = when or given_at
    if wants:
        source = source.strip()
        if not source:
            raise NotPossible("Say where the consent comes from (a form, an event, an e-mail).")
        contact.record_consent(source=source, given_at=when)
        return True
    if not contact.has_consent:
        return False
    contact.record_withdrawal(withdrawn_at=when)
    return True


def _check_actor(user: User | None) -> None:
    # None: the contact themself (a signed link) or the mail system (a bounce).
    if user is not None:
        require_staff(user, to="change a contact's consent or status")


@transaction.atomic
def contact_give_consent(
    *,
    contact: Contact,
    source: str,
    given_at: datetime.datetime | None = None,
    user: User | None = None,
) -> Contact:
    _check_actor(user)
    consent_decide(contact=contact, wants=True, source=source, when=given_at)
    contact.save()
    return contact


@transaction.atomic
def contact_withdraw_consent(
    *,
    contact: Contact,
    withdrawn_at: datetime.datetime | None = None,
    user: User | None = None,
) -> Contact:
    _check_actor(user)
    if not consent_decide(contact=contact, wants=False, when=withdrawn_at):
        raise NotPossible("This contact has not given consent, so there is none to withdraw.")
    contact.save()
    return contact


@transaction.atomic
def contact_unsubscribe(*, contact: Contact, user: User | None = None) -> Contact:
    """The contact asked to stop receiving mail: that withdraws their consent too."""
    _check_actor(user)
    consent_decide(contact=contact, wants=False)
    contact.status = ContactStatus.UNSUBSCRIBED
    contact.save()
    return contact


@transaction.atomic
def contact_mark_bounced(*, contact: Contact, user: User | None = None) -> Contact:
    # Consent stays: the person agreed, only the address fails.
    _check_actor(user)
    contact.status = ContactStatus.BOUNCED
    contact.save(update_fields=["status", "updated_at"])
    return contact


@transaction.atomic
def at_risk_access_log(
    *, contacts: Iterable[Contact], user: User, action: str = AccessAction.VIEW, page: str = ""
) -> int:
    """Record that `user` saw or exported these contacts; only people at risk are logged,
    each once per call, with the page that showed them."""
    seen: set[int] = set()
    entries = []
    for contact in contacts:
        if contact is not None and contact.is_at_risk and contact.pk not in seen:
            seen.add(contact.pk)
            entries.append(
                AtRiskAccessLog(contact=contact, user=user, action=action, page=page[:200])
            )
    AtRiskAccessLog.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def employment_add(
    *,
    contact: Contact,
    organisation: Organisation,
    role: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Employment:
    employment = Employment(
        contact=contact,
        organisation=organisation,
        role=role,
        start_date=start_date,
        end_date=end_date,
    )
    if ends_before_it_starts(start_date, end_date):
        raise NotPossible("The end date is before the start date.")
    employment.save()
    return employment


@transaction.atomic
def employment_end(*, employment: Employment, end_date: datetime.date | None = None) -> Employment:
    """The person left the organisation: the role stays in their history."""
    if employment.end_date is not None:
        raise NotPossible("This role has already ended.")
    end_date = end_date or timezone.localdate()
    if ends_before_it_starts(employment.start_date, end_date):
        raise NotPossible("The role cannot end before it started.")
    employment.end_date = end_date
    employment.save(update_fields=["end_date"])
    return employment


@transaction.atomic
def employment_remove(*, employment: Employment) -> None:
    employment.delete()
