"""Seed 002's table of five example events, described in the advisor's input format.

Names are kept as the seed gives them; no rule looks at a name or a title."""

VIGIL = {
    "title": "#LightTheDark vigil for asylum seekers",
    "organisers": [
        {"name": "GetUp", "kind": "ngo"},
        {"name": "Refugee Action Collectives", "kind": "community_group"},
        {"name": "The Welcome Group", "kind": "community_group"},
    ],
    "our_role": "attendee",
    "message_aligned": True,
}

NAIDOC = {
    "title": "NAIDOC week: Because of Her, We Can",
    "organisers": [
        {"name": "The National Centre of Indigenous Excellence", "kind": "indigenous_led"}
    ],
    "our_role": "partner",
}

PRIDE_MATCH = {
    "title": "#puckhomophobia Pride ice hockey match",
    "organisers": [{"name": "Melbourne Mustangs", "kind": "sports_club"}],
    "our_role": "co_organiser",
}

IWD_BREAKFAST = {
    "title": "International Women's Day breakfast",
    "organisers": [{"name": "Commbank", "kind": "corporate", "affiliations": ["corporate"]}],
    "our_role": "partner",
    "speakers": [{"name": "A bank executive", "role": "other"}],
}

ELECTION_FORUM = {
    "title": "Community forum on international aid and human rights",
    "organisers": [{"name": "Oxfam", "kind": "ngo"}],
    "our_role": "co_organiser",
    "speakers": [
        {"name": "Sitting member", "role": "mp", "party": "Labor"},
        {"name": "Challenger", "role": "candidate", "party": "Liberal"},
        {"name": "Third voice", "role": "candidate", "party": "Greens"},
        {"name": "Moderator", "role": "journalist"},
    ],
    "major_parties": ["Labor", "Liberal", "Greens"],
    "parties_invited": ["Labor", "Liberal", "Greens"],
    "during_election": True,
}
