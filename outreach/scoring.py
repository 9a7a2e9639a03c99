"""How a sector assessment becomes the two impact scores of seed 001.

"The combination of international and domestic impact should govern decisions
on developing outreach work": every criterion scored 0-5 feeds one of the two
scores, except the effect on credibility and impartiality, which feeds both,
so that a risk of misuse (a low score) pulls a sector away from the priority
quadrant on both axes.

    domestic      = 100 × (influence in own society + approachability
                           + not yet reached / fundraising potential + size
                           + credibility) / 25
    international = 100 × (international influence + capacity to act
                           + impact on target countries + preventive aspects
                           + information for solidarity action + credibility) / 30

Capacity to act counts as international: seed 001 describes it as applying
pressure on AI's concerns and contributing to country or theme research.
Both scores run from 0 to 100, rounded to one decimal. A sector whose latest
assessment reaches PRIORITY_THRESHOLD on both is a priority.
"""

from collections.abc import Mapping

SCORE_MIN = 0
SCORE_MAX = 5

# The one place that decides where the priority quadrant starts (0-100):
# "high" is an average of at least 3.5 out of 5 over a score's criteria.
PRIORITY_THRESHOLD = 70

CREDIBILITY = "credibility_effect"

DOMESTIC_CRITERIA: tuple[str, ...] = (
    "domestic_influence",
    "approachability",
    "not_yet_reached",
    "size",
    CREDIBILITY,
)
INTERNATIONAL_CRITERIA: tuple[str, ...] = (
    "international_influence",
    "capacity_to_act",
    "target_country_impact",
    "preventive_aspects",
    "solidarity_information",
    CREDIBILITY,
)
# The order of seed 001's questions, then the Netherlands Section's criteria.
SEED_001_CRITERIA: tuple[str, ...] = (
    "domestic_influence",
    "international_influence",
    "capacity_to_act",
    "approachability",
    "not_yet_reached",
    CREDIBILITY,
)
NETHERLANDS_CRITERIA: tuple[str, ...] = (
    "target_country_impact",
    "size",
    "preventive_aspects",
    "solidarity_information",
)
ALL_CRITERIA: tuple[str, ...] = SEED_001_CRITERIA + NETHERLANDS_CRITERIA


def impact_score(scores: Mapping[str, int], criteria: tuple[str, ...]) -> float:
    """The criteria's total as a share of their maximum, on a 0-100 scale."""
    total = sum(scores[name] for name in criteria)
    return round(100 * total / (SCORE_MAX * len(criteria)), 1)


def domestic_score(scores: Mapping[str, int]) -> float:
    return impact_score(scores, DOMESTIC_CRITERIA)


def international_score(scores: Mapping[str, int]) -> float:
    return impact_score(scores, INTERNATIONAL_CRITERIA)


def is_priority(domestic: float, international: float) -> bool:
    return domestic >= PRIORITY_THRESHOLD and international >= PRIORITY_THRESHOLD
