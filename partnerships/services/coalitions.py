"""Joint statements: issued in a coalition's name only when every member agrees (seed 000)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from partnerships.models import JointStatement, Organisation, StatementAgreement
from partnerships.models.coalitions import StatementStatus
from partnerships.selectors import statement_missing_agreements


def statement_text_locked(statement: JointStatement) -> bool:
    """Once any member (or the Section) agreed, the words they agreed to stay as they
    are: a changed text would carry agreements given to another one. Refused, not
    cleared: a new text is a new statement, and each member agrees to it afresh."""
    return statement.section_agreed_at is not None or statement.agreements.exists()


def _editable(statement: JointStatement) -> None:
    if statement.is_issued:
        raise NotPossible(_("This statement has been issued; agreements can no longer change."))


@transaction.atomic
def statement_agreement_record(
    *,
    statement: JointStatement,
    organisation: Organisation,
    by: User,
    agreed_on: date | None = None,
    note: str = "",
) -> StatementAgreement:
    require_staff(by, to=_("record a member's agreement"))
    statement = JointStatement.objects.select_for_update().get(pk=statement.pk)
    _editable(statement)
    if not statement.coalition.memberships.current().filter(organisation=organisation).exists():
        raise NotPossible(
            _("%(organisation)s is not a current member of %(coalition)s.")
            % {"organisation": organisation, "coalition": statement.coalition}
        )
    agreement, _created = StatementAgreement.objects.update_or_create(
        statement=statement,
        organisation=organisation,
        defaults={
            "agreed_on": agreed_on or timezone.localdate(),
            "recorded_by": by,
            "note": note,
        },
    )
    return agreement


@transaction.atomic
def statement_agreement_withdraw(*, statement: JointStatement, organisation: Organisation) -> None:
    statement = JointStatement.objects.select_for_update().get(pk=statement.pk)
    _editable(statement)
    statement.agreements.filter(organisation=organisation).delete()


@transaction.atomic
def statement_section_agree(*, statement: JointStatement, agreed: bool = True) -> JointStatement:
    statement = JointStatement.objects.select_for_update().get(pk=statement.pk)
    _editable(statement)
    if not statement.coalition.section_is_member:
        raise NotPossible(_("The Section is not a member of this coalition."))
    statement.section_agreed_at = timezone.now() if agreed else None
    statement.save(update_fields=["section_agreed_at"])
    return statement


@transaction.atomic
def statement_issue(*, statement: JointStatement, by: User) -> JointStatement:
    require_staff(by, to=_("issue a joint statement"))
    statement = JointStatement.objects.select_for_update().get(pk=statement.pk)
    if statement.is_issued:
        raise NotPossible(_("This statement has already been issued."))
    missing = statement_missing_agreements(statement)
    if missing:
        raise NotPossible(
            "A joint statement is issued only when every member agrees. Still to agree: "
            + ", ".join(missing)
            + "."
        )
    if not statement.coalition.memberships.current().exists():
        raise NotPossible(_("A coalition without members cannot issue a joint statement."))
    statement.status = StatementStatus.ISSUED
    statement.issued_at = timezone.now()
    statement.issued_by = by
    statement.save(update_fields=["status", "issued_at", "issued_by"])
    return statement
