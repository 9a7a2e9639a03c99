import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError

from accounts.errors import NotPermitted
from accounts.roles import Role
from evaluation.models import QUESTIONS, Evaluation, EvaluationStatus, NextStep, NextStepKind
from evaluation.services.activities import activity_create
from evaluation.services.common import EvaluationRefused
from evaluation.services.evaluations import (
    evaluation_initial,
    evaluation_save,
    next_step_conclude_partnership,
    next_step_done,
)
from partnerships.models import PartnershipStatus
from tests.factories import CoalitionFactory

from .factories import ActivityFactory, PartnershipFactory, TargetFactory, all_answers

pytestmark = pytest.mark.django_db

DETAILS = {
    "title": "Street stand",
    "kind": "campaigning",
    "starts_on": datetime.date(2026, 4, 1),
    "ends_on": datetime.date(2026, 4, 1),
    "run_by": "local_group",
}


def test_a_group_records_an_activity_of_its_own_partnership(group1, partnership):
    activity = activity_create(user=group1, details=DETAILS, partnership=partnership)
    assert activity.partnership == partnership
    assert activity.created_by == group1


def test_a_group_cannot_record_under_another_groups_partnership(group2, partnership):
    with pytest.raises(EvaluationRefused):
        activity_create(user=group2, details=DETAILS, partnership=partnership)


def test_a_group_cannot_record_under_a_concluded_partnership(group1, partnership):
    partnership.status = PartnershipStatus.CONCLUDED
    partnership.save()
    with pytest.raises(EvaluationRefused):
        activity_create(user=group1, details=DETAILS, partnership=partnership)


def test_a_group_cannot_record_a_coalition_activity(group1):
    with pytest.raises(EvaluationRefused):
        activity_create(user=group1, details=DETAILS, coalition=CoalitionFactory())


def test_staff_record_a_coalition_activity(staff):
    coalition = CoalitionFactory()
    assert activity_create(user=staff, details=DETAILS, coalition=coalition).coalition == coalition


def test_an_activity_that_ends_before_it_starts_is_refused(staff, partnership):
    details = {**DETAILS, "ends_on": datetime.date(2026, 3, 1)}
    with pytest.raises(EvaluationRefused, match="end before it starts"):
        activity_create(user=staff, details=details, partnership=partnership)


@pytest.mark.parametrize("missing", [name for name, _ in QUESTIONS])
def test_completing_with_any_of_the_eight_questions_unanswered_is_refused(
    activity, group1, missing
):
    answers = all_answers(**{missing: ""})
    with pytest.raises(EvaluationRefused, match="Answer every question"):
        evaluation_save(activity=activity, user=group1, answers=answers, complete=True)
    assert not Evaluation.objects.filter(status=EvaluationStatus.COMPLETE).exists()


@pytest.mark.parametrize("missing", ["overall_rating", "recommendation"])
def test_completing_without_rating_or_recommendation_is_refused(activity, group1, missing):
    answers = all_answers(**{missing: None if missing == "overall_rating" else ""})
    with pytest.raises(EvaluationRefused):
        evaluation_save(activity=activity, user=group1, answers=answers, complete=True)


def test_a_partial_evaluation_is_saved_as_a_draft(activity, group1):
    evaluation = evaluation_save(activity=activity, user=group1, answers={"succeeding": "yes"})
    assert evaluation.status == EvaluationStatus.DRAFT
    assert len(evaluation.unanswered()) == 9  # seven questions, the rating, the recommendation


def test_all_eight_answered_completes_the_evaluation(activity, group1):
    evaluation = evaluation_save(
        activity=activity, user=group1, answers=all_answers(), complete=True
    )
    assert evaluation.status == EvaluationStatus.COMPLETE
    assert evaluation.completed_by == group1
    assert evaluation.completed_at is not None


def test_the_database_refuses_a_complete_evaluation_with_a_blank_answer(activity, group1):
    with pytest.raises(IntegrityError):
        Evaluation.objects.create(
            activity=activity, created_by=group1, status=EvaluationStatus.COMPLETE,
            **{**all_answers(), "succeeding": ""},
        )  # fmt: skip


def test_a_complete_evaluation_can_no_longer_change(activity, group1):
    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    with pytest.raises(EvaluationRefused, match="complete"):
        evaluation_save(activity=activity, user=group1, answers={"succeeding": "no"})


def test_another_group_cannot_evaluate(activity, group2):
    with pytest.raises(EvaluationRefused):
        evaluation_save(activity=activity, user=group2, answers=all_answers(), complete=True)


@pytest.mark.parametrize(
    ("actuals", "expected"),
    [
        ([500, 80], "yes"),
        ([500, 10], "partly"),
        ([0, 0], "no"),
        ([500, None], ""),
        ([], ""),
    ],
)
def test_targets_reached_is_prefilled_from_the_targets(activity, actuals, expected):
    targets = [Decimal(500), Decimal(80)]
    for target, actual in zip(targets, actuals, strict=False):
        TargetFactory(activity=activity, target=target, actual=actual)
    assert evaluation_initial(activity) == {"targets_reached": expected}


@time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC))
def test_continue_sets_the_partnerships_next_review(activity, group1, settings):
    settings.EVALUATION_REVIEW_AFTER_DAYS = 90
    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    activity.partnership.refresh_from_db()
    assert activity.partnership.review_on == datetime.date(2026, 7, 30)
    assert not NextStep.objects.exists()


def test_adjust_gives_the_partnerships_lead_a_follow_up(activity, group1, staff):
    evaluation_save(
        activity=activity, user=group1, answers=all_answers(recommendation="adjust"), complete=True
    )
    step = NextStep.objects.get()
    assert (step.kind, step.owner) == (NextStepKind.ADJUST, staff)


def test_conclude_proposes_concluding_and_a_coordinator_confirms(
    activity, conclude_step, coordinator
):
    step = conclude_step
    activity.partnership.refresh_from_db()
    assert activity.partnership.status == PartnershipStatus.ACTIVE  # only proposed
    next_step_conclude_partnership(step=step, user=coordinator)
    activity.partnership.refresh_from_db()
    assert activity.partnership.status == PartnershipStatus.CONCLUDED
    step.refresh_from_db()
    assert step.done_at is not None


def test_staff_who_are_not_coordinators_cannot_confirm_concluding(activity, conclude_step, staff):
    step = conclude_step
    with pytest.raises(Exception, match="coordinator"):
        next_step_conclude_partnership(step=step, user=staff)
    activity.partnership.refresh_from_db()
    assert activity.partnership.status == PartnershipStatus.ACTIVE


def test_negative_effects_flag_each_partner_organisation_for_a_risk_review(
    group1, staff, role_user
):
    from tests.factories import OrganisationFactory

    owner = role_user(Role.SECTION_STAFF, username="owner")
    first, second = OrganisationFactory(relationship_owner=owner), OrganisationFactory()
    partnership = PartnershipFactory(
        local_group=group1.local_group, lead=staff, organisations=[first, second]
    )
    activity = ActivityFactory(partnership=partnership)
    evaluation_save(
        activity=activity, user=group1, answers=all_answers(negative_effects="yes"), complete=True
    )
    steps = NextStep.objects.filter(kind=NextStepKind.RISK_REVIEW)
    assert {(s.organisation, s.owner) for s in steps} == {(first, owner), (second, staff)}


def test_no_negative_effects_no_risk_review(activity, group1):
    evaluation_save(
        activity=activity, user=group1, answers=all_answers(negative_effects="no"), complete=True
    )
    assert not NextStep.objects.filter(kind=NextStepKind.RISK_REVIEW).exists()


def test_a_concluded_partnership_gets_no_review_date_or_conclude_proposal(activity, group1):
    partnership = activity.partnership
    partnership.status = PartnershipStatus.CONCLUDED
    partnership.save()
    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    other = ActivityFactory(partnership=partnership)
    answers = all_answers(recommendation="conclude")
    evaluation_save(activity=other, user=group1, answers=answers, complete=True)
    partnership.refresh_from_db()
    assert partnership.review_on is None
    assert not NextStep.objects.filter(kind=NextStepKind.CONCLUDE).exists()


def test_only_staff_mark_a_next_step_done(conclude_step, group1, staff):
    # The service checks its user, whoever calls it (the page is staff-only too).
    with pytest.raises(NotPermitted):
        next_step_done(step=conclude_step, user=group1)
    conclude_step.refresh_from_db()
    assert conclude_step.done_at is None
    assert next_step_done(step=conclude_step, user=staff).done_at is not None
