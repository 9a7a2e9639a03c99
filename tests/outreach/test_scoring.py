import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from outreach import scoring
from outreach.models import SectorAssessment
from outreach.selectors.priorities import sector_priorities
from outreach.services.priorities import sector_assessment_record
from tests.factories import SectorAssessmentFactory, SectorFactory

WORKED_EXAMPLE = {
    "domestic_influence": 4,
    "international_influence": 3,
    "capacity_to_act": 2,
    "approachability": 3,
    "not_yet_reached": 5,
    "credibility_effect": 4,
    "target_country_impact": 4,
    "size": 2,
    "preventive_aspects": 1,
    "solidarity_information": 5,
}


def test_worked_example_scores_as_computed_by_hand():
    """Checked by hand:

    domestic      = influence 4 + approachability 3 + not yet reached 5 + size 2
                    + credibility 4 = 18 of 25          → 100 × 18 / 25 = 72.0
    international = international influence 3 + capacity 2 + target countries 4
                    + preventive 1 + solidarity information 5 + credibility 4
                    = 19 of 30                           → 100 × 19 / 30 = 63.3
    72.0 reaches the threshold of 70, 63.3 does not: not a priority.
    """
    assert scoring.domestic_score(WORKED_EXAMPLE) == 72.0
    assert scoring.international_score(WORKED_EXAMPLE) == 63.3
    assert scoring.PRIORITY_THRESHOLD == 70
    assert not scoring.is_priority(72.0, 63.3)


def test_a_risk_to_credibility_lowers_both_scores():
    """Credibility 4 → 0 (serious risk of misuse): domestic 14/25 = 56.0, international 15/30 = 50.0."""
    risky = {**WORKED_EXAMPLE, "credibility_effect": 0}
    assert scoring.domestic_score(risky) == 56.0
    assert scoring.international_score(risky) == 50.0


def test_every_criterion_feeds_at_least_one_score():
    assert set(scoring.ALL_CRITERIA) == set(scoring.DOMESTIC_CRITERIA) | set(
        scoring.INTERNATIONAL_CRITERIA
    )
    assert len(scoring.ALL_CRITERIA) == 10


@pytest.mark.parametrize(
    ("domestic", "international", "expected"),
    [(70, 70, True), (100, 69.9, False), (69.9, 100, False), (0, 0, False)],
)
def test_a_priority_needs_both_scores_at_the_threshold(domestic, international, expected):
    assert scoring.is_priority(domestic, international) is expected


@pytest.mark.django_db
def test_the_model_computes_the_scores_of_its_criteria():
    assessment = SectorAssessmentFactory(**WORKED_EXAMPLE)
    assert (assessment.domestic_score, assessment.international_score) == (72.0, 63.3)
    assert assessment.is_priority is False


@pytest.mark.django_db
def test_the_database_rejects_a_score_above_five():
    with pytest.raises(IntegrityError):
        SectorAssessmentFactory(size=6)


@pytest.mark.django_db
def test_recording_rejects_a_score_out_of_range_and_saves_nothing():
    with pytest.raises(ValidationError):
        sector_assessment_record(
            sector=SectorFactory(),
            assessed_on=datetime.date(2026, 1, 1),
            scores={**WORKED_EXAMPLE, "approachability": 9},
        )
    assert SectorAssessment.objects.count() == 0


@pytest.mark.django_db
def test_recording_rejects_a_missing_criterion():
    scores = dict(WORKED_EXAMPLE)
    del scores["size"]
    with pytest.raises(ValidationError, match="size"):
        sector_assessment_record(
            sector=SectorFactory(), assessed_on=datetime.date(2026, 1, 1), scores=scores
        )


@pytest.mark.django_db
def test_recording_twice_on_one_day_replaces_the_first_assessment():
    sector = SectorFactory()
    day = datetime.date(2026, 1, 1)
    sector_assessment_record(sector=sector, assessed_on=day, scores=WORKED_EXAMPLE)
    sector_assessment_record(
        sector=sector,
        assessed_on=day,
        scores={**WORKED_EXAMPLE, "size": 5},
        aims=["action", "recruitment"],
    )
    assessment = SectorAssessment.objects.get()
    assert assessment.size == 5
    assert [aim.value for aim in assessment.aims] == ["action", "recruitment"]


@pytest.mark.django_db
def test_priorities_rank_priority_sectors_first_and_unassessed_sectors_last():
    high, middle, unassessed = SectorFactory(), SectorFactory(), SectorFactory()
    everything_five = dict.fromkeys(scoring.ALL_CRITERIA, 5)
    SectorAssessmentFactory(sector=middle, **WORKED_EXAMPLE)
    SectorAssessmentFactory(sector=high, assessed_on=datetime.date(2024, 1, 1))
    SectorAssessmentFactory(sector=high, assessed_on=datetime.date(2025, 1, 1), **everything_five)

    rows = sector_priorities()

    assert [row.sector for row in rows] == [high, middle, unassessed]
    assert rows[0].is_priority and (rows[0].domestic, rows[0].international) == (100.0, 100.0)
    assert len(rows[0].history) == 2 and rows[0].latest.assessed_on == datetime.date(2025, 1, 1)
    assert rows[2].latest is None and rows[2].domestic is None
