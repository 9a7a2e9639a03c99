import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from evaluation.models import TargetStatus, target_status
from tests.factories import CoalitionFactory

from .factories import ActivityFactory, PartnershipFactory, TargetFactory


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        (0, 500, None, TargetStatus.PENDING),
        (0, 500, 500, TargetStatus.REACHED),
        (0, 500, 650, TargetStatus.REACHED),
        (0, 500, 200, TargetStatus.PARTLY),
        (0, 500, 0, TargetStatus.NOT_REACHED),
        (100, 500, 80, TargetStatus.NOT_REACHED),
        # A reduction: fewer is better.
        (40, 10, 8, TargetStatus.REACHED),
        (40, 10, 25, TargetStatus.PARTLY),
        (40, 10, 40, TargetStatus.NOT_REACHED),
        (40, 10, 60, TargetStatus.NOT_REACHED),
    ],
)
def test_target_status_is_derived_from_baseline_target_and_actual(
    baseline, target, actual, expected
):
    actual = None if actual is None else Decimal(actual)
    assert (
        target_status(baseline=Decimal(baseline), target=Decimal(target), actual=actual) == expected
    )


@pytest.mark.django_db
def test_a_target_reports_its_status():
    assert TargetFactory(target=Decimal(10), actual=Decimal(12)).status == TargetStatus.REACHED


@pytest.mark.django_db
def test_an_activity_belongs_to_a_partnership_or_a_coalition_never_both():
    with pytest.raises(IntegrityError):
        ActivityFactory(partnership=PartnershipFactory(), coalition=CoalitionFactory())


@pytest.mark.django_db
def test_an_activity_under_neither_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ActivityFactory(partnership=None)


@pytest.mark.django_db
def test_an_activity_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        ActivityFactory(starts_on=datetime.date(2026, 3, 2), ends_on=datetime.date(2026, 3, 1))


@pytest.mark.django_db
def test_a_coalition_activity_is_allowed():
    activity = ActivityFactory(partnership=None, coalition=CoalitionFactory())
    assert activity.under == activity.coalition


@pytest.mark.django_db
@pytest.mark.parametrize("with_organisation", [False, True])
def test_a_next_step_is_kept_once_per_activity_kind_and_organisation(with_organisation):
    # The same rule on SQLite and PostgreSQL, a step without an organisation included.
    from evaluation.models import NextStep, NextStepKind
    from tests.factories import OrganisationFactory

    activity = ActivityFactory()
    organisation = OrganisationFactory() if with_organisation else None
    step = {"activity": activity, "kind": NextStepKind.ADJUST, "organisation": organisation,
            "due_on": datetime.date(2026, 12, 1)}  # fmt: skip
    NextStep.objects.create(**step)
    NextStep.objects.create(**{**step, "kind": NextStepKind.CONCLUDE})  # another kind: fine
    with pytest.raises(IntegrityError):
        NextStep.objects.create(**step)


@pytest.mark.django_db
def test_the_embedded_database_gets_no_warning_about_the_next_step_rule():
    from django.core import checks

    from evaluation.models import NextStep

    assert [m.id for m in NextStep.check(databases=["default"])] == []
    assert not any(m.id == "models.W047" for m in checks.run_checks(databases=["default"]))
