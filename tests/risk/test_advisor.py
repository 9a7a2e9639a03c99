"""The event advisor against seed 002's table, the cases it does not show, and bad input."""

import pytest

from risk.advisor import RULES, InvalidEvent, _quote, advise_json

from .reference_events import ELECTION_FORUM, IWD_BREAKFAST, NAIDOC, PRIDE_MATCH, VIGIL


def advice(event: dict, **changes) -> dict:
    return advise_json({**event, **changes})


def rules(result: dict) -> set[str]:
    return {reason["rule"] for reason in result["reasons"]}


# --- The table's five events ---------------------------------------------------------------


def test_vigil_attend_with_branding_and_official_support():
    """ "Activists encouraged to attend with Amnesty t-shirts and banners." """
    result = advice(VIGIL)
    assert result["recommendation"] == "attend_without_partnering"
    assert result["visibility"] == "amnesty_branded"
    assert any("official support" in reason["text"] for reason in result["reasons"])


def test_naidoc_partner_without_branding_with_consent_and_funds_to_indigenous_organisations():
    result = advice(NAIDOC)
    assert result["recommendation"] == "partner_unbranded"
    assert result["visibility"] == "unbranded"
    conditions = " ".join(result["conditions"])
    assert "full consent of The National Centre of Indigenous Excellence" in conditions
    assert "Direct all funds raised to Indigenous organisations" in conditions
    assert "not to dominate the space" in conditions
    assert "indigenous_led" in rules(result)


def test_pride_match_branded_partner_after_checking_the_club():
    result = advice(PRIDE_MATCH)
    assert result["recommendation"] == "partner_branded"
    assert result["visibility"] in {"amnesty_branded", "co_branded"}
    assert any("Melbourne Mustangs" in c and "affiliations" in c for c in result["conditions"])


def test_corporate_womens_day_breakfast_reconsider():
    result = advice(IWD_BREAKFAST)
    assert result["recommendation"] == "reconsider"
    assert result["visibility"] == "none"
    assert "corporate_organiser" in rules(result)
    assert any("endorse" in c for c in result["conditions"])


def test_election_forum_branded_when_every_major_party_is_invited():
    result = advice(ELECTION_FORUM)
    assert result["recommendation"] == "partner_branded"
    assert result["visibility"] == "co_branded"
    conditions = " ".join(result["conditions"])
    assert "non-partisan moderator" in conditions
    assert "direct voters how to cast their ballot" in conditions


def test_election_forum_reconsider_when_a_major_party_is_not_invited():
    result = advice(ELECTION_FORUM, parties_invited=["Labor", "Liberal"])
    assert result["recommendation"] == "reconsider"
    assert any("Invite Greens" in c for c in result["conditions"])


def test_party_names_match_whatever_their_case_and_spacing():
    result = advice(ELECTION_FORUM, parties_invited=["labor", " LIBERAL ", "greens"])
    assert result["recommendation"] == "partner_branded"


# --- Cases the table does not show ---------------------------------------------------------


def test_a_religious_host_for_a_formal_event_means_a_silent_partner():
    event = {"title": "Vigil", "our_role": "organiser", "organisers": [{"name": "St Mary's", "kind": "religious"}]}  # fmt: skip
    result = advice(event)
    assert (result["recommendation"], result["visibility"]) == ("partner_unbranded", "unbranded")
    assert any("silent partner" in c for c in result["conditions"])


def test_a_corporate_sponsor_with_a_clean_record_does_not_stop_a_branded_partnership():
    event = {
        "title": "Film night",
        "organisers": [{"name": "Film society", "kind": "community_group", "affiliations": ["corporate"]}],
        "our_role": "co_organiser",
        "risks": {"reputational": "none"},
    }  # fmt: skip
    result = advice(event)
    assert result["recommendation"] == "partner_branded"
    assert any("name and logo" in c for c in result["conditions"])


def test_a_corporate_sponsor_not_yet_checked_must_be_checked():
    event = {
        "title": "Film night",
        "organisers": [{"name": "Film society", "kind": "community_group", "affiliations": ["corporate"]}],
    }  # fmt: skip
    result = advice(event)
    assert result["recommendation"] == "partner_branded"
    assert any("corporate ties of Film society" in c for c in result["conditions"])


def test_a_corporate_organiser_is_reconsidered_even_with_a_clean_record():
    result = advice(IWD_BREAKFAST, risks={"reputational": "none"})
    assert result["recommendation"] == "reconsider"


def test_an_event_whose_message_differs_is_attended_not_partnered():
    result = advice(PRIDE_MATCH, message_aligned=False)
    assert result["recommendation"] == "attend_without_partnering"
    assert any("Branch Committee" in c for c in result["conditions"])


@pytest.mark.parametrize("kind", ["political_party", "government"])
def test_a_partys_or_a_governments_own_event_is_never_partnered(kind):
    event = {"title": "Party conference", "organisers": [{"name": "The party", "kind": kind}], "our_role": "partner"}  # fmt: skip
    result = advice(event)
    assert result["recommendation"] == "attend_without_partnering"
    assert result["visibility"] == "unbranded"
    assert "independence" in rules(result)


def test_a_candidate_outside_an_election_still_needs_every_major_party_invited():
    event = {
        "title": "Talk on housing rights",
        "organisers": [{"name": "Tenants union", "kind": "union"}],
        "speakers": [{"name": "Hopeful", "role": "candidate", "party": "Greens"}],
        "major_parties": ["Labor", "Liberal", "Greens"],
        "parties_invited": ["Greens"],
        "during_election": False,
    }
    result = advice(event)
    assert result["recommendation"] == "reconsider"
    assert "election" not in rules(result)  # no election conditions outside an election
    result = advice(event, parties_invited=["Labor", "Liberal", "Greens"])
    assert result["recommendation"] == "partner_branded"


def test_a_party_political_speaker_without_the_major_parties_named_is_reconsidered():
    result = advice(PRIDE_MATCH, speakers=[{"name": "Councillor", "role": "councillor"}])
    assert result["recommendation"] == "reconsider"
    assert any("Name the major parties" in c for c in result["conditions"])


def test_an_activist_with_a_party_counts_as_party_political():
    result = advice(PRIDE_MATCH, speakers=[{"name": "Ana", "role": "activist", "party": "Greens"}])
    assert result["recommendation"] == "reconsider"


def test_an_organiser_with_political_affiliations_needs_every_party_invited():
    event = {"title": "Debate", "organisers": [{"name": "Youth foundation", "kind": "ngo", "affiliations": ["political"]}]}  # fmt: skip
    assert advice(event)["recommendation"] == "reconsider"


@pytest.mark.parametrize("kind", ["legal", "reputational", "physical"])
def test_an_unmitigable_risk_means_do_not_participate_whatever_else(kind):
    result = advice(PRIDE_MATCH, risks={kind: "unmitigable"})
    assert result == {
        "recommendation": "do_not_participate",
        "visibility": "none",
        "conditions": [],
        "reasons": result["reasons"],
    }
    assert "unmitigable_risk" in rules(result)


def test_a_mitigable_risk_is_a_condition_not_a_refusal():
    result = advice(PRIDE_MATCH, risks={"physical": "mitigable"})
    assert result["recommendation"] == "partner_branded"
    assert any("Mitigate the physical risk" in c for c in result["conditions"])


def test_the_most_restrictive_rule_wins():
    # Indigenous-led (unbranded partner) and corporate (reconsider): reconsider.
    event = {**NAIDOC, "organisers": [*NAIDOC["organisers"], {"name": "A bank", "kind": "corporate"}]}  # fmt: skip
    assert advice(event)["recommendation"] == "reconsider"
    # An attendee is never upgraded to a partner by a silent-partner rule.
    assert advice(NAIDOC, our_role="attendee")["recommendation"] == "attend_without_partnering"
    assert advice(NAIDOC, our_role="attendee")["visibility"] == "unbranded"


def test_a_title_alone_gets_a_branded_partnership_and_a_rule_cited():
    result = advice({"title": "Stall at the market"})
    assert (result["recommendation"], result["visibility"]) == ("partner_branded", "co_branded")
    assert result["reasons"] and all(
        r["rule"] and "Partnership Guide:" in r["text"] for r in result["reasons"]
    )


def test_names_and_titles_do_not_change_the_advice():
    renamed = {**NAIDOC, "title": "Something else", "organisers": [{"name": "Another body", "kind": "indigenous_led"}]}  # fmt: skip
    assert advice(renamed)["recommendation"] == advice(NAIDOC)["recommendation"]
    assert advice(renamed)["visibility"] == advice(NAIDOC)["visibility"]


def test_every_rule_quotes_the_seed_in_its_docstring():
    for rule in RULES:
        quote = _quote(rule)
        assert quote.startswith('"') and quote.endswith('"'), rule.__name__


# --- Invalid input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "title"),
        ({"title": "  "}, "title"),
        ({"title": 3}, "title"),
        ({"title": "x", "colour": "red"}, "colour"),
        ({"title": "x", "organisers": {}}, "organisers"),
        ({"title": "x", "organisers": [{"name": "A"}]}, "organisers[0].kind"),
        ({"title": "x", "organisers": [{"name": "A", "kind": "club"}]}, "organisers[0].kind"),
        ({"title": "x", "organisers": [{"name": "A", "kind": "ngo", "size": 3}]}, "organisers[0].size"),
        ({"title": "x", "organisers": [{"name": "A", "kind": "ngo", "affiliations": ["sporting"]}]}, "organisers[0].affiliations[0]"),
        ({"title": "x", "our_role": "sponsor"}, "our_role"),
        ({"title": "x", "speakers": [{"name": "B", "role": "king"}]}, "speakers[0].role"),
        ({"title": "x", "speakers": [{"name": "B", "role": "mp", "party": 1}]}, "speakers[0].party"),
        ({"title": "x", "major_parties": "Labor"}, "major_parties"),
        ({"title": "x", "parties_invited": [""]}, "parties_invited[0]"),
        ({"title": "x", "message_aligned": "yes"}, "message_aligned"),
        ({"title": "x", "during_election": 1}, "during_election"),
        ({"title": "x", "risks": {"financial": "none"}}, "risks.financial"),
        ({"title": "x", "risks": {"legal": "maybe"}}, "risks.legal"),
        ({"title": "x" * 201}, "title"),
        ({"title": "x", "speakers": [{"name": "B", "role": "mp"}] * 51}, "speakers"),
        (["title"], "event"),
    ],
)  # fmt: skip
def test_invalid_input_names_the_bad_field(data, field):
    with pytest.raises(InvalidEvent) as error:
        advise_json(data)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ")
