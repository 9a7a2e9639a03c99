"""Contacts: creation, changes, consent and the at-risk access log."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from partnerships.models import Organisation

from ..models import (
    AT_RISK_PERMISSION,
    AccessAction,
    AtRiskAccessLog,
    Contact,
    ContactStatus,
    Employment,
)
from .keywords import keywords_resolve

# Many-to-many fields a contact form may carry alongside plain fields.
_M2M_FIELDS = ("sectors", "keywords")


def _check_at_risk_allowed(*, user: User, data: dict, contact: Contact | None = None) -> None:
    changes_flag = data.get("is_at_risk") is not None and (
        contact is None or data["is_at_risk"] != contact.is_at_risk
    )
    if changes_flag and data["is_at_risk"] and not user.has_perm(AT_RISK_PERMISSION):
        raise PermissionDenied("Only users allowed to see contacts at risk may mark one.")


def _apply(contact: Contact, data: dict) -> None:
    """`data["keywords"]`, when given, holds names from the shared vocabulary."""
    if "keywords" in data:
        data = {**data, "keywords": keywords_resolve(names=data["keywords"])}
    for name, value in data.items():
        if name not in _M2M_FIELDS:
            setattr(contact, name, value)
    contact.full_clean()
    contact.save()
    for name in _M2M_FIELDS:
        if name in data:
            getattr(contact, name).set(data[name])


@transaction.atomic
def contact_create(
    *, created_by: User, data: dict, consent_source: str = "", consent_given_at=None
) -> Contact:
    """A new contact; consent is recorded only with its source (a mailing needs both)."""
    _check_at_risk_allowed(user=created_by, data=data)
    # Whoever adds a contact owns it unless someone else is named.
    data = {**data, "owner": data.get("owner") or created_by}
    contact = Contact()
    if consent_source:
        contact.record_consent(source=consent_source, given_at=consent_given_at)
    _apply(contact, data)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, updated_by: User, data: dict) -> Contact:
    _check_at_risk_allowed(user=updated_by, data=data, contact=contact)
    old_email = contact.email
    _apply(contact, data)
    # A bounce belongs to the old address: a corrected one may be mailed again.
    if contact.status == ContactStatus.BOUNCED and contact.email.lower() != old_email.lower():
        contact.status = ContactStatus.ACTIVE
        contact.save(update_fields=["status", "updated_at"])
    return contact


@transaction.atomic
def contact_give_consent(
    *, contact: Contact, source: str, given_at: datetime.datetime | None = None
) -> Contact:
    source = source.strip()
    if not source:
        raise ValidationError("Say where the consent comes from (a form, an event, an e-mail).")
    contact.record_consent(source=source, given_at=given_at)
    contact.save()
    return contact


@transaction.atomic
def contact_withdraw_consent(
    *, contact: Contact, withdrawn_at: datetime.datetime | None = None
) -> Contact:
    if not contact.has_consent:
        raise ValidationError("This contact has not given consent, so there is none to withdraw.")
    contact.record_withdrawal(withdrawn_at=withdrawn_at)
    contact.save()
    return contact


@transaction.atomic
def contact_unsubscribe(*, contact: Contact) -> Contact:
    """The contact asked to stop receiving mail: that withdraws their consent too."""
    if contact.has_consent:
        contact.record_withdrawal()
    contact.status = ContactStatus.UNSUBSCRIBED
    contact.save()
    return contact


@transaction.atomic
def contact_mark_bounced(*, contact: Contact) -> Contact:
    # Consent stays: the person agreed, only the address fails.
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
    if start_date and end_date and end_date < start_date:
        raise ValidationError("The end date is before the start date.")
    employment.save()
    return employment


@transaction.atomic
def employment_end(*, employment: Employment, end_date: datetime.date | None = None) -> Employment:
    """The person left the organisation: the role stays in their history."""
    if employment.end_date is not None:
        raise ValidationError("This role has already ended.")
    end_date = end_date or timezone.localdate()
    if employment.start_date and end_date < employment.start_date:
        raise ValidationError("The role cannot end before it started.")
    employment.end_date = end_date
    employment.save(update_fields=["end_date"])
    return employment


@transaction.atomic
def employment_remove(*, employment: Employment) -> None:
    employment.delete()
