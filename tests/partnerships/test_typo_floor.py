"""The typo check asks PostgreSQL's trigram index for names at least as similar as any typo
of the typed name can be (matching.typo_similarity_floor), a stricter threshold than the
rule's 0.5 for long names. If that floor were ever above a real typo's similarity, the
index would hide a typo that the rule accepts: these tests look for one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from partnerships.matching import (
    TYPO_SIMILARITY,
    trigram_similarity,
    typo_allowance,
    typo_similarity_floor,
)
from partnerships.selectors import find_existing_relationships
from tests.factories import OrganisationFactory

# Few letters, so that edits make and meet repeated trigrams; spaces and digits, so that
# edits split, join and renumber words.
LETTERS = "abcdeo 12"
KINDS = ["insert", "delete", "change", "swap"]
edit = st.tuples(st.sampled_from(KINDS), st.integers(0, 60), st.sampled_from(LETTERS))


def _apply(key: str, edits) -> str:
    for kind, at, letter in edits:
        at %= len(key) + 1
        if kind == "insert":
            key = key[:at] + letter + key[at:]
        elif kind == "delete":
            key = key[:at] + key[at + 1 :]
        elif kind == "change":
            key = key[:at] + letter + key[at + 1 :]
        elif at + 1 < len(key):
            key = key[:at] + key[at + 1] + key[at] + key[at + 2 :]
    return " ".join(key.split())  # stored keys are normalised alike


@settings(max_examples=3000, deadline=None)
@given(st.text(LETTERS, min_size=5, max_size=45), st.lists(edit, min_size=1, max_size=2))
# Two swaps across spaces take eight trigrams away and bring eight in: the bound is met
# exactly (22 of 38), and any smaller count per edit would put the floor above it.
@example("ab cd ef gh ij kl mn op qr st", [("swap", 1, ""), ("swap", 7, "")])
def test_no_typo_the_rule_accepts_is_less_similar_than_the_floor(typed, edits):
    typed = " ".join(typed.split())
    other = _apply(typed, edits)
    allowed = typo_allowance(min(len(typed), len(other)))  # as the rule (_close) asks
    if not typed or not other or OSA.distance(typed, other) > allowed:
        return
    similarity = trigram_similarity(typed, other)
    # Below the rule's own threshold the rule turns it down anyway.
    assert similarity < TYPO_SIMILARITY or similarity >= typo_similarity_floor(typed)


def test_the_floor_rises_with_the_length_and_never_falls_below_the_rule():
    assert typo_similarity_floor("dorfal justice") == TYPO_SIMILARITY
    assert typo_similarity_floor("amnesty international") == TYPO_SIMILARITY
    names = ["commitee to protect journalist", "international commission of jurists",
             "nederlands juristen comite voor de mensenrechten"]  # fmt: skip
    floors = [typo_similarity_floor(name) for name in names]
    assert TYPO_SIMILARITY < floors[0] < floors[1] < floors[2] < 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_a_long_name_is_asked_at_its_floor_and_its_typos_are_still_found():
    name = "Nederlands Juristen Comité voor de Mensenrechten"
    wanted = OrganisationFactory(name=name)
    OrganisationFactory(name="Nederlands Juristen Comité voor de Vrede")
    typed = "Nederlands Jurristen Comite voor de Mensenrechtn"  # two typos
    with CaptureQueriesContext(connection) as ran:
        found = find_existing_relationships(name=typed)
    assert [match.organisation for match in found] == [wanted]
    assert "similar name" in found[0].reasons
    [candidates] = [q["sql"] for q in ran.captured_queries if "set_config" in q["sql"]]
    floor = typo_similarity_floor("nederlands jurristen comite voor de mensenrechtn")
    assert floor > TYPO_SIMILARITY
    assert candidates.startswith(f"SELECT set_config('pg_trgm.similarity_threshold', '{floor}'")
