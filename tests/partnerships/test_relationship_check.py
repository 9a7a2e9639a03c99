import pytest

from accounts.roles import Role
from partnerships.matching import domain_of, normalise_name
from partnerships.selectors import find_existing_relationships
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Médecins Sans Frontières", "medecins sans frontieres"),
        ("The Human Rights Watch, Inc.", "Human Rights Watch"),
        ("Pro Asyl e.V.", "PRO ASYL"),
        ("Stichting Vluchteling", "Vluchteling"),
        ("Anti-Slavery International Ltd", "anti slavery international"),
    ],
)
def test_names_that_differ_only_in_accents_case_punctuation_or_suffix_match(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_different_organisations_do_not_normalise_alike():
    assert normalise_name("Human Rights Watch") != normalise_name("Human Rights First")


@pytest.mark.parametrize(
    ("value", "domain"),
    [
        ("https://www.hrw.org/en/news", "hrw.org"),
        ("hrw.org", "hrw.org"),
        ("press@hrw.org", "hrw.org"),
        ("someone@gmail.com", ""),
        ("", ""),
        ("http://[::1", ""),
    ],
)
def test_domain_of_websites_and_addresses(value, domain):
    assert domain_of(value) == domain


def test_existing_relationship_is_found_by_name_acronym_or_domain():
    hrw = OrganisationFactory(
        name="Human Rights Watch", acronym="HRW", website="https://www.hrw.org"
    )
    OrganisationFactory(name="Unrelated", website="https://unrelated.example.org")
    for query in (
        {"name": "The Human Rights Watch Inc."},
        {"name": "HRW"},
        {"name": "Something else", "website": "http://hrw.org/about"},
        {"name": "Something else", "email": "info@hrw.org"},
    ):
        matches = find_existing_relationships(**query)
        assert [m.organisation for m in matches] == [hrw], query
        assert matches[0].reasons


def test_no_match_for_a_new_organisation_or_webmail_address():
    OrganisationFactory(name="Human Rights Watch", website="https://www.hrw.org")
    assert find_existing_relationships(name="Greenpeace", email="someone@gmail.com") == []


def test_the_record_matching_on_most_counts_comes_first():
    by_domain = OrganisationFactory(name="Alpha", website="https://www.amnesty.nl")
    by_both = OrganisationFactory(name="Amnesty Nederland", website="https://amnesty.nl")
    matches = find_existing_relationships(name="Amnesty Nederland", website="amnesty.nl")
    assert [m.organisation for m in matches] == [by_both, by_domain]


@pytest.mark.parametrize(
    "query",
    [
        {"name": "Défense des Enfants International"},
        {"name": "defense des enfants international asbl"},
        {"name": "Other", "email": "press@dci.example"},
        {"name": "DCI"},
    ],
)
def test_matches_tolerate_accents_suffixes_and_email_domains(query):
    dci = OrganisationFactory(
        name="Defense des Enfants International", acronym="D.C.I.", email="info@dci.example"
    )
    assert [m.organisation for m in find_existing_relationships(**query)] == [dci]


# --- What a person would find (issue 12) ------------------------------------------------

KNOWN = [
    ("Médecins Sans Frontières (MSF)", "", "https://www.msf.org"),
    ("Oxfam International", "", "https://www.oxfam.org"),
    ("Amnesty International", "AI", "https://www.amnesty.org"),
    ("International Commission of Jurists", "ICJ", "https://www.icj.org"),
    ("Greenpeace International", "", "https://www.greenpeace.org"),
    ("Human Rights Watch", "HRW", "https://www.hrw.org"),
    ("Committee to Protect Journalists", "", "https://cpj.org"),
]

# Real-looking organisations that are none of the above and none of each other.
UNRELATED = [
    ("Human Rights First", "", "https://humanrightsfirst.org"),
    ("Front Line Defenders", "", "https://www.frontlinedefenders.org"),
    ("Peace Brigades International", "PBI", "https://peacebrigades.org"),
    ("Terre des Hommes Nederland", "", "https://www.terredeshommes.nl"),
    ("Save the Children", "", "https://www.savethechildren.net"),
    ("Cordaid", "", "https://www.cordaid.org"),
    ("VluchtelingenWerk Nederland", "", "https://www.vluchtelingenwerk.nl"),
    ("Open Society Foundations", "OSF", "https://www.opensocietyfoundations.org"),
    ("International Federation for Human Rights", "FIDH", "https://www.fidh.org"),
    ("Reporters Without Borders", "RSF", "https://rsf.org"),
    ("Anti-Slavery International", "", "https://www.antislavery.org"),
    ("Article 19", "", "https://www.article19.org"),
    ("Privacy International", "", "https://privacyinternational.org"),
    ("Transparency International", "TI", "https://www.transparency.org"),
    ("World Organisation Against Torture", "OMCT", "https://www.omct.org"),
    ("Physicians for Human Rights", "PHR", "https://phr.org"),
    ("Minority Rights Group", "MRG", "https://minorityrights.org"),
    ("Global Witness", "", "https://www.globalwitness.org"),
    ("PAX", "", "https://paxforpeace.nl"),
    ("Defence for Children International", "DCI", "https://defenceforchildren.org"),
    ("Freedom House", "", "https://freedomhouse.org"),
    ("COC Nederland", "", "https://www.coc.nl"),
    ("Stichting Vluchteling", "", "https://www.vluchteling.nl"),
    ("Aidsfonds", "", "https://aidsfonds.nl"),
    ("Fair Trials", "", "https://www.fairtrials.org"),
    ("Nederlands Juristen Comité voor de Mensenrechten", "NJCM", "https://www.njcm.nl"),
    ("Justice and Peace Netherlands", "", "https://justiceandpeace.nl"),
    ("Women's Link Worldwide", "", "https://www.womenslinkworldwide.org"),
    ("ActionAid", "", "https://actionaid.org"),
    ("Protection International", "PI", "https://www.protectioninternational.org"),
]


@pytest.fixture
def registry():
    return {
        name: OrganisationFactory(name=name, acronym=acronym, website=website)
        for name, acronym, website in KNOWN + UNRELATED
    }


def _found(**query) -> dict[str, tuple[str, ...]]:
    return {m.organisation.name: m.reasons for m in find_existing_relationships(**query)}


@pytest.mark.parametrize(
    ("query", "expected", "reason"),
    [
        # National branches and affiliates
        ({"name": "Médecins Sans Frontières Nederland"}, "Médecins Sans Frontières (MSF)",
         "branch or affiliate"),
        ({"name": "Oxfam Novib"}, "Oxfam International", "branch or affiliate"),
        ({"name": "Amnesty International Nederland"}, "Amnesty International",
         "branch or affiliate"),
        ({"name": "Greenpeace Nederland"}, "Greenpeace International", "branch or affiliate"),
        # Abbreviations and short forms
        ({"name": "Amnesty Intl"}, "Amnesty International", "same name"),
        ({"name": "Intl. Commission of Jurists"}, "International Commission of Jurists",
         "same name"),
        ({"name": "Int'l Commission of Jurists"}, "International Commission of Jurists",
         "same name"),
        # Typos
        ({"name": "Grenpeace"}, "Greenpeace International", "similar name"),
        ({"name": "Human Rigths Watch"}, "Human Rights Watch", "similar name"),
        ({"name": "Commitee to Protect Journalist"}, "Committee to Protect Journalists",
         "similar name"),
        ({"name": "Medecins Sans Frontiers"}, "Médecins Sans Frontières (MSF)", "similar name"),
        # The acronym as the name, the name with its acronym, either field
        ({"name": "HRW"}, "Human Rights Watch", "same acronym"),
        ({"name": "ICJ"}, "International Commission of Jurists", "same acronym"),
        ({"name": "MSF"}, "Médecins Sans Frontières (MSF)", "same acronym"),
        ({"name": "CPJ"}, "Committee to Protect Journalists", "acronym of the name"),
        ({"name": "HRW", "acronym": "Human Rights Watch"}, "Human Rights Watch", "same name"),
        ({"name": "Human Rights Watch (HRW)"}, "Human Rights Watch", "same name"),
        ({"name": "Something new", "acronym": "ICJ"}, "International Commission of Jurists",
         "same acronym"),
        # Subdomains and sister domains
        ({"name": "MSF Holland", "website": "https://www.msf.nl"},
         "Médecins Sans Frontières (MSF)", "sister domain"),
        ({"name": "Medecins Sans Frontieres Holland", "email": "office@msf.nl"},
         "Médecins Sans Frontières (MSF)", "sister domain"),
        ({"name": "Local office", "email": "info@amsterdam.hrw.org"}, "Human Rights Watch",
         "website on the same domain"),
        ({"name": "Greenpeace Belgium", "website": "greenpeace.be"}, "Greenpeace International",
         "sister domain"),
    ],
)  # fmt: skip
def test_the_check_finds_what_a_person_would(registry, query, expected, reason):
    found = _found(**query)
    assert expected in found, (query, found)
    assert reason in found[expected], (query, found)
    # The likeliest one comes first, and nothing unrelated rides along.
    assert list(found)[0] == expected, found
    assert not set(found) & {name for name, _, _ in UNRELATED}, found


QUERIES = [
    {"name": "Grenpeace"}, {"name": "Human Rigths Watch"}, {"name": "Commitee to Protect Journalist"},
    {"name": "Medecins Sans Frontiers"}, {"name": "Oxfam Novib"}, {"name": "Amnesty Intl"},
    {"name": "HRW"}, {"name": "MSF Holland", "website": "https://www.msf.nl"},
    {"name": "Human Rights Frist"}, {"name": "Amnesty Internationl Nederland"},
    *({"name": name, "acronym": acronym, "website": website} for name, acronym, website in UNRELATED),
]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_the_python_path_finds_the_same_as_the_trigram_index(registry, monkeypatch, query):
    """SQLite scores every name in Python; PostgreSQL asks the trigram and length index for
    candidates first. Both must give the same matches, in the same order."""
    from types import SimpleNamespace

    from partnerships import selectors

    indexed = _found(**query)
    monkeypatch.setattr(selectors, "connection", SimpleNamespace(vendor="sqlite"))
    assert _found(**query) == indexed


def test_a_sister_domain_alone_is_no_match_when_the_names_disagree(registry):
    assert _found(name="Stichting Tuinbouwonderwijs", website="https://msf.nl") == {}
    assert _found(name="Artsen zonder Grenzen", website="https://msf.nl") == {}


@pytest.mark.parametrize(("name", "acronym", "website"), UNRELATED)
def test_unrelated_organisations_match_only_themselves(registry, name, acronym, website):
    found = _found(name=name, acronym=acronym, website=website)
    assert list(found) == [name], found


def test_matches_are_ranked_capped_at_eight_and_say_why(registry):
    for country in ["Belgium", "France", "Germany", "Spain", "Italy", "Kenya", "Peru",
                    "Japan", "Canada", "Ireland"]:  # fmt: skip
        OrganisationFactory(name=f"Amnesty International {country}")
    matches = find_existing_relationships(name="Amnesty International", website="amnesty.org")
    assert len(matches) == 8
    assert matches[0].organisation.name == "Amnesty International"
    assert matches[0].reasons[:2] == ("same name", "same website")
    assert all("branch or affiliate" in m.reasons for m in matches[1:])
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@pytest.mark.parametrize("candidates", [2, 40])
def test_the_live_check_runs_a_fixed_number_of_queries(
    client, role_user, django_assert_max_num_queries, candidates
):
    from tests.factories import PartnershipRequestFactory

    for number in range(candidates):
        org = OrganisationFactory(
            name=f"Oxfam Chapter {number}", website=f"https://oxfam{number}.org"
        )
        PartnershipRequestFactory(organisation=org)
    client.force_login(role_user(Role.SECTION_STAFF))
    with django_assert_max_num_queries(15):
        response = client.get("/organisations/matches/", {"name": "Oxfam"})
    assert response.status_code == 200
    assert response.content.count(b"Oxfam Chapter") == min(candidates, 8)


def test_each_match_carries_its_latest_activity_from_every_app():
    import datetime

    from tests.factories import ApproachFactory, CoalitionMembershipFactory, SupportRequestFactory

    quiet = OrganisationFactory(name="Oxfam Quiet Chapter")
    busy = OrganisationFactory(name="Oxfam Busy Chapter")
    CoalitionMembershipFactory(organisation=busy, joined_on=datetime.date(2024, 1, 1),
                               left_on=datetime.date(2025, 3, 1))  # fmt: skip
    SupportRequestFactory(organisation=busy, received_on=datetime.date(2025, 6, 2))
    ApproachFactory(organisation=busy, approached_on=datetime.date(2026, 2, 3))
    ApproachFactory(organisation=quiet, approached_on=datetime.date(2023, 5, 4))
    found = {m.organisation: m.last_activity for m in find_existing_relationships(name="Oxfam")}
    assert found[busy].date() == datetime.date(2026, 2, 3)
    assert found[quiet].date() == datetime.date(2023, 5, 4)
