"""The event advisor: seed 002's "Managing risk" as plain functions.

An event is described (`parse_event` turns JSON into an `Event`, naming any bad or
unknown field); each rule looks at it and may return a `Finding`: the most it
allows (a recommendation and a visibility), the conditions to meet, and why. The
advice takes the most restrictive recommendation and visibility of all findings,
every condition, and every reason. A rule's docstring quotes the seed sentence it
comes from; the reason it gives ends with that quote. No rule looks at an event's
title or an organisation's name: only at what they are and do.
"""

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _


class Recommendation(StrEnum):  # least restrictive first
    PARTNER_BRANDED = "partner_branded"
    PARTNER_UNBRANDED = "partner_unbranded"
    ATTEND_WITHOUT_PARTNERING = "attend_without_partnering"
    RECONSIDER = "reconsider"
    DO_NOT_PARTICIPATE = "do_not_participate"


class Visibility(StrEnum):  # most visible first
    AMNESTY_BRANDED = "amnesty_branded"
    CO_BRANDED = "co_branded"
    UNBRANDED = "unbranded"
    NONE = "none"


class OrganiserKind(StrEnum):
    NGO = "ngo"
    COMMUNITY_GROUP = "community_group"
    INDIGENOUS_LED = "indigenous_led"
    RELIGIOUS = "religious"
    CORPORATE = "corporate"
    POLITICAL_PARTY = "political_party"
    SPORTS_CLUB = "sports_club"
    GOVERNMENT = "government"
    MEDIA = "media"
    UNION = "union"
    ACADEMIC = "academic"


class Affiliation(StrEnum):
    CORPORATE = "corporate"
    POLITICAL = "political"
    RELIGIOUS = "religious"


class OurRole(StrEnum):
    ORGANISER = "organiser"
    CO_ORGANISER = "co_organiser"
    PARTNER = "partner"
    ATTENDEE = "attendee"


class SpeakerRole(StrEnum):
    MP = "mp"
    COUNCILLOR = "councillor"
    CANDIDATE = "candidate"
    JOURNALIST = "journalist"
    ACTIVIST = "activist"
    EXPERT = "expert"
    OTHER = "other"


class RiskLevel(StrEnum):
    NONE = "none"
    MITIGABLE = "mitigable"
    UNMITIGABLE = "unmitigable"


RISK_KINDS = ("legal", "reputational", "physical")
POLITICAL_ROLES = frozenset({SpeakerRole.MP, SpeakerRole.COUNCILLOR, SpeakerRole.CANDIDATE})


@dataclass(frozen=True)
class Organiser:
    name: str
    kind: OrganiserKind
    affiliations: tuple[Affiliation, ...] = ()


@dataclass(frozen=True)
class Speaker:
    name: str
    role: SpeakerRole
    party: str = ""

    def is_party_political(self) -> bool:
        return self.role in POLITICAL_ROLES or bool(self.party)


@dataclass(frozen=True)
class Event:
    title: str
    organisers: tuple[Organiser, ...] = ()
    our_role: OurRole = OurRole.PARTNER
    speakers: tuple[Speaker, ...] = ()
    major_parties: tuple[str, ...] = ()
    parties_invited: tuple[str, ...] = ()
    message_aligned: bool = True
    during_election: bool = False
    # A risk left out has not been assessed, which is not the same as "none".
    risks: Mapping[str, RiskLevel] = field(default_factory=dict)

    def organisers_of(self, *kinds: OrganiserKind) -> list[Organiser]:
        return [organiser for organiser in self.organisers if organiser.kind in kinds]

    def organisers_with(self, affiliation: Affiliation) -> list[Organiser]:
        return [o for o in self.organisers if affiliation in o.affiliations]

    def parties_not_invited(self) -> list[str]:
        invited = {_party_key(party) for party in self.parties_invited}
        return [party for party in self.major_parties if _party_key(party) not in invited]


def _party_key(party: str) -> str:
    return " ".join(party.casefold().split())


@dataclass(frozen=True)
class Reason:
    rule: str
    text: str


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str
    recommendation: Recommendation | None = None  # the most this rule allows, if it limits
    visibility: Visibility | None = None
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Advice:
    recommendation: Recommendation
    visibility: Visibility
    conditions: list[str]
    reasons: list[Reason]

    def as_json(self) -> dict[str, Any]:
        return {
            "recommendation": str(self.recommendation),
            "visibility": str(self.visibility),
            "conditions": list(self.conditions),
            "reasons": [asdict(reason) for reason in self.reasons],
        }


# --- Reading the input ---------------------------------------------------------------------


class InvalidEvent(ValueError):
    """Input the advisor cannot read; the message names the field."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


MAX_TEXT = 200
MAX_ITEMS = 50


def _object(value: Any, where: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InvalidEvent(where or "event", "must be a JSON object.")
    for key in value:
        if key not in allowed:
            prefix = f"{where}." if where else ""
            raise InvalidEvent(f"{prefix}{key}", "is not a known field.")
    return value


def _text(value: Any, where: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidEvent(where, "must be a string.")
    text = value.strip()
    if required and not text:
        raise InvalidEvent(where, "is required.")
    if len(text) > MAX_TEXT or "\x00" in text:
        raise InvalidEvent(where, f"must be at most {MAX_TEXT} characters of text.")
    return text


def _choice(value: Any, where: str, choices: type[StrEnum]) -> Any:
    if not isinstance(value, str) or value not in choices._value2member_map_:
        allowed = "|".join(choices._value2member_map_)
        raise InvalidEvent(where, f"must be one of {allowed}, not {value!r}.")
    return choices(value)


def _list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidEvent(where, "must be a list.")
    if len(value) > MAX_ITEMS:
        raise InvalidEvent(where, f"must have at most {MAX_ITEMS} items.")
    return value


def _bool(value: Any, where: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InvalidEvent(where, "must be true or false.")
    return value


def _organiser(value: Any, where: str) -> Organiser:
    data = _object(value, where, {"name", "kind", "affiliations"})
    affiliations = _list(data.get("affiliations"), f"{where}.affiliations")
    return Organiser(
        name=_text(data.get("name"), f"{where}.name", required=True),
        kind=_choice(data.get("kind"), f"{where}.kind", OrganiserKind),
        affiliations=tuple(
            _choice(a, f"{where}.affiliations[{i}]", Affiliation)
            for i, a in enumerate(affiliations)
        ),
    )


def _speaker(value: Any, where: str) -> Speaker:
    data = _object(value, where, {"name", "role", "party"})
    return Speaker(
        name=_text(data.get("name"), f"{where}.name", required=True),
        role=_choice(data.get("role"), f"{where}.role", SpeakerRole),
        party=_text(data.get("party"), f"{where}.party"),
    )


EVENT_FIELDS = {
    "title", "organisers", "our_role", "speakers", "major_parties", "parties_invited",
    "message_aligned", "during_election", "risks",
}  # fmt: skip


def parse_event(data: Any) -> Event:
    """The issue's input format; raises InvalidEvent naming the first bad field."""
    data = _object(data, "", EVENT_FIELDS)
    risks = _object(data.get("risks") or {}, "risks", set(RISK_KINDS))
    return Event(
        title=_text(data.get("title"), "title", required=True),
        organisers=tuple(
            _organiser(o, f"organisers[{i}]")
            for i, o in enumerate(_list(data.get("organisers"), "organisers"))
        ),
        our_role=_choice(data.get("our_role", OurRole.PARTNER.value), "our_role", OurRole),
        speakers=tuple(
            _speaker(s, f"speakers[{i}]")
            for i, s in enumerate(_list(data.get("speakers"), "speakers"))
        ),
        major_parties=_parties(data, "major_parties"),
        parties_invited=_parties(data, "parties_invited"),
        message_aligned=_bool(data.get("message_aligned"), "message_aligned", True),
        during_election=_bool(data.get("during_election"), "during_election", False),
        risks={kind: _choice(level, f"risks.{kind}", RiskLevel) for kind, level in risks.items()},
    )


def _parties(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    parties = (_text(p, f"{name}[{i}]", required=True) for i, p in enumerate(_list(data.get(name), name)))  # fmt: skip
    return tuple(parties)


# --- The rules -----------------------------------------------------------------------------


def _quote(rule: Callable) -> str:
    """The seed sentence a rule comes from: the first paragraph of its docstring."""
    return " ".join((rule.__doc__ or "").split("\n\n")[0].split())


def _names(organisers: list[Organiser]) -> str:
    return ", ".join(organiser.name for organiser in organisers)


def _kinds(kinds: list[str]) -> str:
    """'legal and physical', in the active language."""
    words = {"legal": _("legal"), "reputational": _("reputational"), "physical": _("physical")}
    return _(" and ").join(words[kind] for kind in kinds)


def our_role(event: Event) -> Finding:
    """ "Working in partnership with external organisations is integral to Amnesty's
    campaigning approach and essential for the success of our movement."

    The starting point: an event we organise carries our brand; one we run with
    others carries both names; one we only attend is not a partnership.
    """
    if event.our_role is OurRole.ATTENDEE:
        return Finding(
            "our_role",
            _(
                "We attend an event others organise: no partnership, and activists may come in "
                "Amnesty t-shirts with banners, with the Section's official support."
            ),
            Recommendation.ATTEND_WITHOUT_PARTNERING,
            Visibility.AMNESTY_BRANDED,
        )
    if event.our_role is OurRole.ORGANISER:
        return Finding(
            "our_role",
            _("We organise the event: it carries our brand."),
            Recommendation.PARTNER_BRANDED,
            Visibility.AMNESTY_BRANDED,
        )
    return Finding(
        "our_role",
        _("We organise or support the event with others: both names may appear."),
        Recommendation.PARTNER_BRANDED,
        Visibility.CO_BRANDED,
    )


def unmitigable_risk(event: Event) -> Finding | None:
    """ "For organisations or events that carry a significant legal or reputational risk
    to Amnesty or physical risk to attendees, that cannot be mitigated, we should not
    participate as partners in these events."
    """
    kinds = [kind for kind in RISK_KINDS if event.risks.get(kind) is RiskLevel.UNMITIGABLE]
    if not kinds:
        return None
    return Finding(
        "unmitigable_risk",
        _("The %(kinds)s risk cannot be mitigated, so we do not participate.")
        % {"kinds": _kinds(kinds)},
        Recommendation.DO_NOT_PARTICIPATE,
        Visibility.NONE,
    )


def mitigable_risk(event: Event) -> Finding | None:
    """ "Types of risk to consider when partnering include political, policy related,
    financial, legal, reputational and physical."
    """
    kinds = [kind for kind in RISK_KINDS if event.risks.get(kind) is RiskLevel.MITIGABLE]
    if not kinds:
        return None
    return Finding(
        "mitigable_risk",
        _("There is a %(kinds)s risk that can be mitigated.") % {"kinds": _kinds(kinds)},
        conditions=tuple(
            _("Mitigate the %(kind)s risk before the event and record it in a risk assessment.")
            % {"kind": _kinds([kind])}
            for kind in kinds
        ),
    )


def organisers_record(event: Event) -> Finding | None:
    """ "This requires us to be aware of past actions and statements made by the
    organisers of external events."
    """
    if not event.organisers:
        return None
    return Finding(
        "organisers_record",
        _("We partner only with organisers whose record we know: %(names)s.")
        % {"names": _names(list(event.organisers))},
        conditions=(
            _(
                "Check the past actions and statements of %(names)s, and "
                "their corporate and other affiliations, for reputational risk."
            )
            % {"names": _names(list(event.organisers))},
        ),
    )


def independence(event: Event) -> Finding | None:
    """ "The worldwide movement of Amnesty International is a non-denominational,
    non-partisan movement, independent of all governments, political parties and
    religious institutions."

    A political party's or a government's own event: partnering would make us look
    partisan or dependent, so at most activists attend, to support a case or issue,
    without our brand.
    """
    organisers = event.organisers_of(OrganiserKind.POLITICAL_PARTY, OrganiserKind.GOVERNMENT)
    if not organisers:
        return None
    return Finding(
        "independence",
        _(
            "%(names)s is a political party or a government body: partnering with "
            "its event would compromise our independence and impartiality."
        )
        % {"names": _names(organisers)},
        Recommendation.ATTEND_WITHOUT_PARTNERING,
        Visibility.UNBRANDED,
        (
            _(
                "Do not partner or co-brand; activists may attend to support a particular human "
                "rights issue or case."
            ),
        ),
    )


def corporate_organiser(event: Event) -> Finding | None:
    """ "Reconsider partnership given the corporate nature of the organisation, and the
    potential for perceived endorsement by Amnesty of their actions."
    """
    organisers = event.organisers_of(OrganiserKind.CORPORATE)
    if not organisers:
        return None
    return Finding(
        "corporate_organiser",
        _(
            "%(names)s is a business: partnering risks a perceived endorsement by "
            "Amnesty of its actions, whatever its record."
        )
        % {"names": _names(organisers)},
        Recommendation.RECONSIDER,
        Visibility.NONE,
        (
            _(
                "Partner with %(names)s only if Amnesty cannot be seen to endorse its "
                "actions: consider the risk of affiliation with corporate interest groups."
            )
            % {"names": _names(organisers)},
        ),
    )


def corporate_affiliation(event: Event) -> Finding | None:
    """ "Check sporting club's corporate and other affiliations for reputational risk."

    A sponsor or other corporate tie of an organiser that is not itself a business:
    acceptable once checked. A clean record (reputational risk assessed as none) needs
    only that we keep control of our name and logo.
    """
    organisers = [
        o for o in event.organisers_with(Affiliation.CORPORATE) if o.kind != OrganiserKind.CORPORATE
    ]
    if not organisers:
        return None
    if event.risks.get("reputational") is RiskLevel.NONE:
        return Finding(
            "corporate_affiliation",
            _("The corporate ties of %(names)s were checked and carry no reputational risk.")
            % {"names": _names(organisers)},
            conditions=(_("Keep control of the use of our name and logo next to any sponsor's."),),
        )
    return Finding(
        "corporate_affiliation",
        _("%(names)s has corporate ties that may carry a reputational risk.")
        % {"names": _names(organisers)},
        conditions=(
            _("Check the corporate ties of %(names)s for reputational risk before partnering.")
            % {"names": _names(organisers)},
        ),
    )


def political_speakers(event: Event) -> Finding | None:
    """ "For both Amnesty branded, and partnered events, we need to ensure we are being
    non-partisan by inviting members of each major political party to attend/speak or
    provide a statement that we can read out."

    It applies to a member of parliament, a councillor or a candidate (inside an
    election or not), to any speaker with a party, and to an organiser with political
    affiliations: "whether their presence could be seen as endorsement of a particular
    political party".
    """
    speakers = [speaker for speaker in event.speakers if speaker.is_party_political()]
    organisers = event.organisers_with(Affiliation.POLITICAL)
    if not speakers and not organisers:
        return None
    who = ", ".join([s.name + (f" ({s.party})" if s.party else "") for s in speakers] + [o.name for o in organisers])  # fmt: skip
    if not event.major_parties:
        return Finding(
            "political_speakers",
            _(
                "%(who)s may be seen as endorsement of a political party, and the major parties "
                "are not named, so we cannot tell whether each is invited."
            )
            % {"who": who},
            Recommendation.RECONSIDER,
            Visibility.NONE,
            (_("Name the major parties and invite each of them to attend or speak, or to "
               "provide a statement that we read out."),),
        )  # fmt: skip
    missing = event.parties_not_invited()
    if missing:
        return Finding(
            "political_speakers",
            _(
                "%(who)s may be seen as endorsement of a political party, and not every major "
                "party is invited: %(missing)s."
            )
            % {"who": who, "missing": ", ".join(missing)},
            Recommendation.RECONSIDER,
            Visibility.NONE,
            (_("Invite %(missing)s to attend or speak, or to provide a statement "
               "that we read out.") % {"missing": ", ".join(missing)},),
        )  # fmt: skip
    return Finding(
        "political_speakers",
        _("Every major party is invited, so %(who)s does not make the event partisan.")
        % {"who": who},
        conditions=(_("Read out the statement of any major party that does not attend."),),
    )


def election(event: Event) -> Finding | None:
    """ "Ensure the event does not result in Amnesty endorsing any particular candidate or
    party, and does not direct voters how to cast their ballot."
    """
    if not event.during_election:
        return None
    conditions = [
        _(
            "Make sure the event does not endorse any candidate or party and does not direct "
            "voters how to cast their ballot."
        )
    ]
    if any(speaker.is_party_political() for speaker in event.speakers):
        conditions.append(_("Have a non-partisan moderator (a journalist, for example)."))
        conditions.append(
            _(
                "Reconsider if the major parties do not respond, or if the panel has the "
                "appearance of partisanship."
            )
        )
    return Finding(
        "election",
        _("The event takes place during an election campaign."),
        conditions=tuple(conditions),
    )


def religious_host(event: Event) -> Finding | None:
    """ "Partnering with a particular religious institution for formal Amnesty events can
    run the risk of being seen as exclusionary to people not of a particular faith.
    These kinds of events could be better supported as "silent" partners where
    activists and staff provide logistical or resource support, but without publicly
    branding as Amnesty."
    """
    organisers = event.organisers_of(OrganiserKind.RELIGIOUS)
    if not organisers:
        return None
    return Finding(
        "religious_host",
        _(
            "%(names)s is a religious institution: a formal Amnesty event with it "
            "could look exclusionary to people not of its faith."
        )
        % {"names": _names(organisers)},
        Recommendation.PARTNER_UNBRANDED,
        Visibility.UNBRANDED,
        (_("Support as a silent partner: logistical or resource support, without publicly "
           "branding as Amnesty."),),
    )  # fmt: skip


def religious_affiliation(event: Event) -> Finding | None:
    """ "The same consideration applies to partnering with religious institutions e.g. at
    Palm Sunday rallies."

    An organiser that is not itself a religious institution but has religious ties.
    """
    organisers = [
        o for o in event.organisers_with(Affiliation.RELIGIOUS) if o.kind != OrganiserKind.RELIGIOUS
    ]
    if not organisers:
        return None
    return Finding(
        "religious_affiliation",
        _("%(names)s has religious ties.") % {"names": _names(organisers)},
        conditions=(
            _(
                "Make sure the event is open to people of every faith and none; if it is not, "
                "support it as a silent partner."
            ),
        ),
    )


def indigenous_led(event: Event) -> Finding | None:
    """ "Careful not to dominate space of Indigenous led organisation. Directing all funds
    raised to indigenous organisations. Consider whether Amnesty branding is necessary or
    beneficial to building long term relationships."

    The table's NAIDOC week conclusion: "Partner after careful consideration and full
    consent of NCIE, encourage activists to attend event without Amnesty branded clothes/
    banners, prioritise indigenous communities and organisations."
    """
    organisers = event.organisers_of(OrganiserKind.INDIGENOUS_LED)
    if not organisers:
        return None
    names = _names(organisers)
    return Finding(
        "indigenous_led",
        _(
            "%(names)s is Indigenous-led: we support without dominating its space, and our "
            "branding is not what builds the long-term relationship."
        )
        % {"names": names},
        Recommendation.PARTNER_UNBRANDED,
        Visibility.UNBRANDED,
        (
            _(
                "Partner only with the full consent of %(names)s, after considering what it gets "
                "out of the partnership."
            )
            % {"names": names},
            _(
                "Activists attend without Amnesty-branded clothes or banners; be careful not to "
                "dominate the space."
            ),
            _("Direct all funds raised to Indigenous organisations."),
        ),
    )


def message(event: Event) -> Finding | None:
    """ "For some events, the political or policy related message may not be the same as
    Amnesty. We would not partner but may attend to support a particular human rights
    issue or case e.g. campaigning in support of a Tibetan prisoner of conscience without
    endorsing the Free Tibet cause."
    """
    if event.message_aligned:
        return None
    return Finding(
        "message",
        _(
            "The event's message is not the same as ours: we do not partner, but may attend to "
            "support a particular human rights issue or case."
        ),
        Recommendation.ATTEND_WITHOUT_PARTNERING,
        None,
        (
            _(
                "Our presence supports only the case or issue we campaign on, not the event's "
                "wider cause."
            ),
            _("Explore it case by case: discuss with regional staff and your Branch Committee."),
        ),
    )


RULES: list[Callable[[Event], Finding | None]] = [
    our_role,
    unmitigable_risk,
    mitigable_risk,
    organisers_record,
    independence,
    corporate_organiser,
    corporate_affiliation,
    political_speakers,
    election,
    religious_host,
    religious_affiliation,
    indigenous_led,
    message,
]
_RULES_BY_NAME = {rule.__name__: rule for rule in RULES}
_RECOMMENDATION_ORDER = list(Recommendation)
_VISIBILITY_ORDER = list(Visibility)
# What a recommendation leaves visible at most.
_MOST_VISIBLE = {
    Recommendation.PARTNER_BRANDED: Visibility.AMNESTY_BRANDED,
    Recommendation.PARTNER_UNBRANDED: Visibility.UNBRANDED,
    Recommendation.ATTEND_WITHOUT_PARTNERING: Visibility.AMNESTY_BRANDED,
    Recommendation.RECONSIDER: Visibility.NONE,
    Recommendation.DO_NOT_PARTICIPATE: Visibility.NONE,
}


def _most_restrictive(values: list, order: list):
    return max(values, key=order.index)


def advise(event: Event) -> Advice:
    findings = [finding for rule in RULES if (finding := rule(event)) is not None]
    recommendation = _most_restrictive(
        [f.recommendation for f in findings if f.recommendation], _RECOMMENDATION_ORDER
    )
    visibility = _most_restrictive(
        [_MOST_VISIBLE[recommendation], *(f.visibility for f in findings if f.visibility)],
        _VISIBILITY_ORDER,
    )
    conditions = [] if recommendation is Recommendation.DO_NOT_PARTICIPATE else [
        condition for finding in findings for condition in finding.conditions
    ]  # fmt: skip
    reasons = [
        Reason(
            f.rule,
            # The quote stays in the guide's own words (English); only the frame is ours.
            _("%(finding)s Partnership Guide: %(quote)s")
            % {"finding": f.text, "quote": _quote(_RULES_BY_NAME[f.rule])},
        )
        for f in findings
    ]
    return Advice(recommendation, visibility, list(dict.fromkeys(conditions)), reasons)


def advise_json(data: Any) -> dict[str, Any]:
    """JSON in, JSON out: for the API, the command and the request form."""
    return advise(parse_event(data)).as_json()
