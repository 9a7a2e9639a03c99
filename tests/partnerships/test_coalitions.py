from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from partnerships.models.coalitions import StatementStatus
from partnerships.rotation import SECTION_LABEL, add_months, secretariat_turns
from partnerships.services.coalitions import (
    statement_agreement_record,
    statement_agreement_withdraw,
    statement_issue,
    statement_section_agree,
)
from tests.factories import (
    CoalitionFactory,
    CoalitionMembershipFactory,
    JointStatementFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def statement():
    coalition = CoalitionFactory(section_is_member=True)
    for name in ("Alpha", "Beta"):
        CoalitionMembershipFactory(coalition=coalition, organisation__name=name)
    return JointStatementFactory(coalition=coalition)


def _members(statement):
    return [m.organisation for m in statement.coalition.memberships.all()]


def test_statement_cannot_be_issued_until_every_member_has_agreed(statement, staff):
    alpha, beta = _members(statement)
    statement_agreement_record(statement=statement, organisation=alpha, by=staff)
    statement_section_agree(statement=statement)
    with pytest.raises(ValidationError, match="every member agrees.*Beta"):
        statement_issue(statement=statement, by=staff)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT


def test_statement_needs_the_sections_agreement_when_it_is_a_member(statement, staff):
    for organisation in _members(statement):
        statement_agreement_record(statement=statement, organisation=organisation, by=staff)
    with pytest.raises(ValidationError, match="the Section"):
        statement_issue(statement=statement, by=staff)


def test_statement_is_issued_once_everyone_agreed(statement, staff):
    for organisation in _members(statement):
        statement_agreement_record(statement=statement, organisation=organisation, by=staff)
    statement_section_agree(statement=statement)
    issued = statement_issue(statement=statement, by=staff)
    assert issued.status == StatementStatus.ISSUED
    assert issued.issued_by == staff and issued.issued_at is not None
    with pytest.raises(ValidationError, match="already been issued"):
        statement_issue(statement=statement, by=staff)


def test_former_members_need_not_agree(staff):
    coalition = CoalitionFactory()
    current = CoalitionMembershipFactory(coalition=coalition)
    CoalitionMembershipFactory(coalition=coalition, left_on=date(2025, 1, 1))
    statement = JointStatementFactory(coalition=coalition)
    statement_agreement_record(statement=statement, organisation=current.organisation, by=staff)
    assert statement_issue(statement=statement, by=staff).status == StatementStatus.ISSUED


def test_withdrawn_agreement_blocks_issuing_again(statement, staff):
    for organisation in _members(statement):
        statement_agreement_record(statement=statement, organisation=organisation, by=staff)
    statement_section_agree(statement=statement)
    statement_agreement_withdraw(statement=statement, organisation=_members(statement)[0])
    with pytest.raises(ValidationError, match="Alpha"):
        statement_issue(statement=statement, by=staff)


def test_only_current_members_can_agree(statement, staff):
    with pytest.raises(ValidationError, match="not a current member"):
        statement_agreement_record(
            statement=statement, organisation=OrganisationFactory(), by=staff
        )


def test_agreements_are_frozen_once_issued(staff):
    membership = CoalitionMembershipFactory()
    statement = JointStatementFactory(coalition=membership.coalition)
    statement_agreement_record(statement=statement, organisation=membership.organisation, by=staff)
    statement_issue(statement=statement, by=staff)
    with pytest.raises(ValidationError, match="issued"):
        statement_agreement_withdraw(statement=statement, organisation=membership.organisation)


def test_statement_of_a_coalition_without_members_cannot_be_issued(staff):
    statement = JointStatementFactory()
    with pytest.raises(ValidationError, match="without members"):
        statement_issue(statement=statement, by=staff)


# The secretariat rotation ---------------------------------------------------


def _rotating_coalition():
    coalition = CoalitionFactory(
        section_is_member=True,
        secretariat_rotation_start=date(2024, 1, 1),
        secretariat_term_months=6,
        section_secretariat_position=2,
    )
    CoalitionMembershipFactory(
        coalition=coalition, organisation__name="Alpha", secretariat_position=1
    )
    CoalitionMembershipFactory(
        coalition=coalition, organisation__name="Gamma", secretariat_position=3
    )
    CoalitionMembershipFactory(coalition=coalition, organisation__name="Observer")
    return coalition


@pytest.mark.parametrize(
    ("on", "current", "since", "following", "next_from"),
    [
        (date(2024, 1, 1), "Alpha", date(2024, 1, 1), SECTION_LABEL, date(2024, 7, 1)),
        (date(2024, 6, 30), "Alpha", date(2024, 1, 1), SECTION_LABEL, date(2024, 7, 1)),
        (date(2024, 7, 1), SECTION_LABEL, date(2024, 7, 1), "Gamma", date(2025, 1, 1)),
        (date(2025, 3, 15), "Gamma", date(2025, 1, 1), "Alpha", date(2025, 7, 1)),
        (date(2025, 7, 1), "Alpha", date(2025, 7, 1), SECTION_LABEL, date(2026, 1, 1)),
    ],
)
def test_secretariat_rotates_among_members_in_order(on, current, since, following, next_from):
    coalition = _rotating_coalition()
    turns = secretariat_turns(
        coalition, coalition.memberships.select_related("organisation"), on=on
    )
    assert (turns.current, turns.current_since, turns.next, turns.next_from) == (
        current, since, following, next_from,
    )  # fmt: skip


def test_before_the_rotation_starts_only_the_first_holder_is_shown():
    coalition = _rotating_coalition()
    turns = secretariat_turns(coalition, coalition.memberships.all(), on=date(2023, 12, 1))
    assert (turns.current, turns.next, turns.next_from) == (None, "Alpha", date(2024, 1, 1))


def test_members_who_left_drop_out_of_the_rotation():
    coalition = _rotating_coalition()
    coalition.memberships.filter(organisation__name="Gamma").update(left_on=date(2024, 12, 31))
    turns = secretariat_turns(coalition, coalition.memberships.all(), on=date(2025, 3, 15))
    assert turns.current == "Alpha"


def test_no_rotation_without_a_start_date():
    coalition = CoalitionFactory()
    CoalitionMembershipFactory(coalition=coalition, secretariat_position=1)
    turns = secretariat_turns(coalition, coalition.memberships.all(), on=date(2025, 1, 1))
    assert turns.current is None and turns.next is None


def test_add_months_clamps_to_the_end_of_shorter_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
