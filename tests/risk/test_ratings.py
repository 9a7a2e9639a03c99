from dataclasses import dataclass

import pytest

from risk.models import Rating
from risk.ratings import band, blocking_lines, overall_rating


@dataclass
class Line:
    risk_type: str
    residual_likelihood: int
    residual_impact: int


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (1, Rating.LOW), (4, Rating.LOW),
        (5, Rating.MEDIUM), (9, Rating.MEDIUM),
        (10, Rating.HIGH), (16, Rating.HIGH),
        (20, Rating.SEVERE), (25, Rating.SEVERE),
    ],
)  # fmt: skip
def test_scores_are_banded_low_medium_high_severe(score, expected):
    assert band(score) == expected


@pytest.mark.parametrize("score", [0, 26, -1])
def test_a_score_outside_1_to_25_is_an_error(score):
    with pytest.raises(ValueError):
        band(score)


def test_no_lines_means_no_rating():
    assert overall_rating([]) is None


def test_the_highest_residual_score_decides():
    lines = [Line("political", 1, 2), Line("financial", 3, 3), Line("legal", 2, 2)]
    assert overall_rating(lines) == Rating.MEDIUM
    lines.append(Line("policy", 4, 4))
    assert overall_rating(lines) == Rating.HIGH


def test_the_residual_not_the_initial_score_decides():
    # A severe risk before mitigation (5×5) that mitigation brings down to 1×2 is low.
    assert overall_rating([Line("physical", 1, 2)]) == Rating.LOW


@pytest.mark.parametrize("risk_type", ["legal", "reputational", "physical"])
def test_an_unmitigable_legal_reputational_or_physical_risk_means_do_not_participate(risk_type):
    lines = [Line("political", 1, 1), Line(risk_type, 4, 5)]
    assert overall_rating(lines) == Rating.DO_NOT_PARTICIPATE
    assert blocking_lines(lines) == [lines[1]]


@pytest.mark.parametrize("risk_type", ["political", "policy", "financial"])
def test_a_severe_political_policy_or_financial_risk_is_severe_but_not_blocking(risk_type):
    assert overall_rating([Line(risk_type, 5, 5)]) == Rating.SEVERE


def test_a_high_legal_risk_below_the_top_band_is_only_high():
    assert overall_rating([Line("legal", 4, 4)]) == Rating.HIGH
