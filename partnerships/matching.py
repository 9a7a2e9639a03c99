"""The existing-relationship check (seed 002: check before approaching, one approach per partner).

Two records are likely the same organisation, or the same family of organisations,
when a person reading them side by side would say so:

- their names agree once accents, case, punctuation, a leading "The", legal-form
  suffixes and common abbreviations ("Intl", "Assoc") are set aside;
- one name is the other with a typo or two ("Grenpeace");
- one is a national branch or affiliate of the other: the names agree once
  country and "International"-like words are set aside ("Oxfam Novib" next to
  "Oxfam International", "Médecins Sans Frontières Nederland" next to "MSF");
- an acronym stands for the other's name, in either field;
- their websites or e-mail addresses share a domain, a subdomain, or (when the
  names also agree) a sister domain in another country (msf.nl next to msf.org).

This module holds only pure functions on strings; the selector fetches candidates
(on PostgreSQL through a trigram index) and scores them here, so every database
gives the same answer.
"""

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

LEGAL_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "llc", "plc", "co", "corp", "corporation",
    "ev", "gmbh", "ag", "sa", "sarl", "srl", "bv", "nv", "vzw", "asbl", "ong", "ngo",
    "cic", "cio", "foundation", "stichting", "association",
}  # fmt: skip
# Articles and legal forms that some languages put first ("Stichting X" is X).
LEADING_WORDS = {
    "the", "la", "le", "les", "l", "el", "los", "las", "de", "het", "die", "der",
    "stichting", "vereniging", "stiftung", "fondation", "fundacion",
}  # fmt: skip
# Common short forms, written out so that "Amnesty Intl" is "Amnesty International".
ABBREVIATIONS = {
    "intl": "international", "int": "international", "internat": "international",
    "natl": "national", "nat": "national", "assoc": "association", "assn": "association",
    "org": "organisation", "organization": "organisation", "orgs": "organisations",
    "organizations": "organisations", "cttee": "committee", "cmte": "committee",
    "dept": "department", "univ": "university", "inst": "institute", "fdn": "foundation",
    "fed": "federation", "soc": "society", "ctr": "centre", "center": "centre",
    "mvt": "movement", "commn": "commission", "svc": "service", "svcs": "services",
}  # fmt: skip
# Small words an acronym skips: "International Commission of Jurists" is ICJ.
ACRONYM_SKIPS = {
    "of", "for", "the", "and", "on", "in", "a", "an", "to", "de", "des", "du", "van",
    "voor", "en", "et", "y", "del", "der", "und", "fur",
}  # fmt: skip
# Words that name where a branch works rather than who it is.
AFFILIATE_WORDS = {
    "international", "internationale", "internacional", "internazionale", "national",
    "nationale", "section", "sectie", "chapter", "branch", "office", "afdeling",
    "europe", "european", "africa", "african", "asia", "asian", "americas", "latin",
    "america", "pacific", "arab", "nordic", "north", "south", "east", "west", "usa",
    "us", "uk", "nl", "holland", "nederland", "dutch", "belgie", "belgique",
    "vlaanderen", "flanders", "wallonie", "deutschland", "german", "germany",
    "schweiz", "suisse", "svizzera", "osterreich", "espana", "italia", "sverige",
    "norge", "danmark", "suomi", "polska", "ceska", "brasil", "mexico", "french",
    "british", "irish", "scottish", "canadian", "australian",
}  # fmt: skip
# Words shared by too many organisations to tie two of them together on their own.
GENERIC_WORDS = ACRONYM_SKIPS | AFFILIATE_WORDS | {
    "human", "rights", "right", "women", "womens", "children", "childrens", "child",
    "peace", "action", "aid", "help", "relief", "council", "committee", "centre",
    "network", "union", "federation", "association", "society", "league", "alliance",
    "coalition", "movement", "institute", "forum", "group", "friends", "solidarity",
    "justice", "freedom", "free", "liberty", "liberties", "refugee", "refugees",
    "legal", "law", "lawyers", "development", "education", "health", "care", "world",
    "global", "people", "peoples", "new", "youth", "student", "students", "democracy",
    "democratic", "support", "service", "services", "project", "watch", "front",
    "defence", "defense", "defenders", "protection", "citizens", "civil",
    "environment", "environmental", "green", "media", "press", "journalists",
    "doctors", "medical", "physicians", "christian", "church", "catholic", "islamic",
    "muslim", "jewish", "workers", "trade", "labour", "labor", "organisation",
    "organisations", "commission", "foundation", "fund", "trust", "department", "university", "school", "college", "home", "house",
    "city", "community", "local", "social", "public", "open", "united", "saint",
    "platform", "initiative", "campaign", "against", "without", "sans", "voor",
}  # fmt: skip
# Webmail domains say nothing about the organisation behind an address.
PUBLIC_MAIL_DOMAINS = {
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "icloud.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "aol.com",
}  # fmt: skip
# Second-level labels under a country code: "amnesty.org.uk" is the amnesty family.
SECOND_LEVEL_LABELS = {"co", "org", "or", "ac", "gov", "com", "net", "ne", "edu", "gv"}

# One entry per reason a match is shown; the score ranks matches, strongest first.
REASON_SCORES = {
    "same name": 100,
    "same acronym": 95,
    "same website": 90,
    "same e-mail domain": 88,
    "acronym of the name": 85,
    "website on the same domain": 80,
    "similar name": 75,
    "branch or affiliate": 70,
    "sister domain": 60,
}

_PAREN_ACRONYM = re.compile(r"^(?P<name>.*?)\s*\((?P<acronym>[^()\s]{2,12})\)\s*$")


def _ascii_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    # "e.V." and "S.A." must become "ev" and "sa", "Int'l" "intl": dots and apostrophes
    # inside words join.
    plain = re.sub(r"(?<=\w)[.'’](?=\w)", "", plain)
    return re.findall(r"[a-z0-9]+", plain)


def split_acronym(name: str) -> tuple[str, str]:
    """ "Médecins Sans Frontières (MSF)" is the name "Médecins Sans Frontières", acronym MSF."""
    found = _PAREN_ACRONYM.match(name or "")
    if found and found["name"]:
        return found["name"], found["acronym"]
    return name or "", ""


def normalise_name(name: str) -> str:
    words = []
    for word in _ascii_words(split_acronym(name)[0]):
        words.extend(ABBREVIATIONS.get(word, word).split())
    while words and words[0] in LEADING_WORDS and len(words) > 1:
        words = words[1:]
    while words and words[-1] in LEGAL_SUFFIXES and len(words) > 1:
        words = words[:-1]
    return " ".join(words)


def acronym_key(name: str, acronym: str) -> str:
    """The acronym as typed, or the one written in brackets after the name."""
    return normalise_name(acronym or split_acronym(name)[1])


def initials_of(key: str) -> str:
    """ "international commission of jurists" → "icj"; short names have none worth matching."""
    words = [word for word in key.split() if word not in ACRONYM_SKIPS]
    return "".join(word[0] for word in words) if len(words) >= 3 else ""


def domain_of(url_or_email: str) -> str:
    """The registrable-looking host of a website or an e-mail address, without www."""
    value = (url_or_email or "").strip().lower()
    if not value:
        return ""
    if "@" in value and "://" not in value:
        host = value.rsplit("@", 1)[1]
    else:
        try:
            host = urlsplit(value if "://" in value else f"http://{value}").hostname or ""
        except ValueError:  # "http://[::1" and the like: typed, not yet a valid address
            host = ""
    host = host.removeprefix("www.")
    return "" if host in PUBLIC_MAIL_DOMAINS else host


def registrable_domain(host: str) -> str:
    """ "nederland.msf.org" → "msf.org"; "www.amnesty.org.uk" → "amnesty.org.uk"."""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return host
    keep = (
        3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL_LABELS else 2
    )
    return ".".join(labels[-keep:])


def domain_family(host: str) -> str:
    """The name under every country's domain: msf.nl, msf.org and fr.msf.org are "msf"."""
    registrable = registrable_domain(host)
    return registrable.split(".", 1)[0] if "." in registrable else ""


def match_keys(*, name: str, acronym: str, website: str, email: str) -> dict[str, str]:
    """The derived fields an Organisation keeps for the check, by field name."""
    name_key = normalise_name(name)
    website_domain, email_domain = domain_of(website), domain_of(email)
    return {
        "name_key": name_key[:255],
        "core_key": " ".join(core_words(name_key))[:255],
        "acronym_key": acronym_key(name, acronym)[:50],
        "initials_key": initials_of(name_key)[:50],
        "website_domain": website_domain,
        "email_domain": email_domain,
        "website_family": domain_family(website_domain),
        "email_family": domain_family(email_domain),
    }


@cache
def _country_words() -> frozenset[str]:
    from django.utils import translation
    from django_countries import countries

    # In English whatever the active language: the stored core keys must not depend on it.
    with translation.override("en"):
        return frozenset(word for _, name in countries for word in _ascii_words(str(name)))


def core_words(key: str) -> tuple[str, ...]:
    """The words of a name that say who it is, without where it works."""
    affiliate = AFFILIATE_WORDS | _country_words()
    words = tuple(word for word in key.split() if word not in affiliate)
    return words or tuple(key.split())


def _distinctive(words: tuple[str, ...]) -> bool:
    return any(len(word) >= 3 and word not in GENERIC_WORDS for word in words)


def distinctive_words(words: tuple[str, ...]) -> list[str]:
    return [word for word in words if len(word) >= 3 and word not in GENERIC_WORDS]


@dataclass(frozen=True)
class MatchKeys:
    """What the check compares, for the record typed and for each registry candidate."""

    names: frozenset[str]  # full names, normalised ("human rights watch")
    acronyms: frozenset[str]  # acronyms as given, and names that are one short word
    initials: frozenset[str]  # acronyms derived from the names
    domains: frozenset[str]
    email_domains: frozenset[str]
    primary: str = ""  # the name as given in the name field

    @classmethod
    def from_keys(
        cls,
        keys: Iterable[str],
        *,
        primary: str = "",
        website_domain: str = "",
        email_domain: str = "",
    ) -> "MatchKeys":
        # An acronym typed in the name field, or a name in the acronym field: both count.
        names = frozenset(keys) - {""}
        return cls(
            names=names,
            acronyms=frozenset(key for key in names if " " not in key and len(key) <= 8),
            initials=frozenset(filter(None, map(initials_of, names))),
            domains=frozenset(filter(None, [website_domain])),
            email_domains=frozenset(filter(None, [email_domain])),
            primary=primary,
        )

    @classmethod
    def build(
        cls, *, name: str = "", acronym: str = "", website: str = "", email: str = ""
    ) -> "MatchKeys":
        """The keys of a record as typed in a form."""
        primary = normalise_name(name)
        return cls.from_keys(
            {primary, normalise_name(acronym), acronym_key(name, "")},
            primary=primary,
            website_domain=domain_of(website),
            email_domain=domain_of(email),
        )

    @property
    def families(self) -> set[str]:
        return {domain_family(d) for d in self.domains | self.email_domains} - {""}


def typo_allowance(length: int) -> int:
    """How many edits a name of this length may be from another and still be a typo."""
    return 0 if length < 5 else 1 if length < 9 else 2


# A typo keeps most of a name's trigrams. The check asks for this much pg_trgm similarity
# as well as an edit or two, so PostgreSQL's trigram index finds exactly the candidates
# that Python would accept, without rechecking every name that shares a common word.
TYPO_SIMILARITY = 0.5


def trigrams(key: str) -> set[str]:
    """The trigrams pg_trgm makes of a normalised key: each word padded "  word "."""
    grams: set[str] = set()
    for word in key.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of either."""
    left, right = trigrams(a), trigrams(b)
    return len(left & right) / len(left | right) if left or right else 0.0


# An edit the typo rule counts (a letter inserted, deleted or changed, or two letters
# swapped) touches the trigrams of at most four places: it takes at most four of a
# name's trigrams away and brings at most four new ones in.
TRIGRAMS_PER_EDIT = 4


def typo_similarity_floor(core: str) -> float:
    """The least trigram similarity a typo of `core` can have, and never less than the
    rule asks (TYPO_SIMILARITY). The typo rule allows k edits (typo_allowance), so a
    typo keeps all but 4k of the n trigrams of `core` and brings at most 4k in:
    (n - 4k) / (n + 4k), rounded down. A long name's floor is well above the rule's
    0.5 (0.66 for a name of 38 letters), and asked of the trigram index it narrows the
    scan by itself (tests/partnerships/test_typo_floor.py checks the bound)."""
    n, k = len(trigrams(core)), TRIGRAMS_PER_EDIT * typo_allowance(len(core))
    if n <= k:
        return TYPO_SIMILARITY
    return max(TYPO_SIMILARITY, math.floor(1000 * (n - k) / (n + k)) / 1000)


def typo_possible(core: str) -> bool:
    """Long enough for a typo to be told from another name, and with a word of its own
    ("Rights Forum" and "Rights Forums" may well be two organisations)."""
    return typo_allowance(len(core)) > 0 and _distinctive(tuple(core.split()))


def _close(a: str, b: str) -> bool:
    """A typo or two apart (a swapped pair of letters counts as one). Numbers are never
    typos: "Local Group 12" and "Local Group 13" are two organisations."""
    allowed = typo_allowance(min(len(a), len(b)))
    return (
        bool(allowed)
        and re.findall(r"\d+", a) == re.findall(r"\d+", b)
        and typo_possible(a)
        and OSA.distance(a, b, score_cutoff=allowed) <= allowed
        and trigram_similarity(a, b) >= TYPO_SIMILARITY
    )


def _branch(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One core name is the other, or begins it, and says who it is by itself."""
    shorter, longer = sorted((a, b), key=len)
    return (
        _distinctive(shorter) and len(" ".join(shorter)) >= 3 and longer[: len(shorter)] == shorter
    )


def _similar(a: str, b: str) -> bool:
    """A typo or two apart in the part of the names that says who they are ("Grenpeace
    Nederland" and "Greenpeace International"); the same test the trigram index answers."""
    core_a, core_b = " ".join(core_words(a)), " ".join(core_words(b))
    return core_a != core_b and _close(core_a, core_b)


def name_reasons(typed: MatchKeys, other: MatchKeys) -> list[str]:
    reasons = []
    same_primary = {typed.primary} & {other.primary} - {""}
    shared_acronyms = typed.acronyms & other.acronyms
    if same_primary or (typed.names & other.names) - shared_acronyms:
        reasons.append("same name")
    if shared_acronyms - same_primary:
        reasons.append("same acronym")
    if (typed.acronyms & other.initials) or (typed.initials & other.acronyms):
        reasons.append("acronym of the name")
    pairs = [(a, b) for a in typed.names for b in other.names if a != b]
    if any(_similar(a, b) for a, b in pairs):
        reasons.append("similar name")
    if any(_branch(core_words(a), core_words(b)) for a, b in pairs):
        reasons.append("branch or affiliate")
    return reasons


def domain_reasons(typed: MatchKeys, other: MatchKeys, *, names_agree: bool) -> list[str]:
    reasons = []
    other_all = other.domains | other.email_domains
    if typed.domains & other_all:
        reasons.append("same website")
    if typed.email_domains & other_all:
        reasons.append("same e-mail domain")
    if reasons:
        return reasons
    typed_all = typed.domains | typed.email_domains
    if {registrable_domain(d) for d in typed_all} & {registrable_domain(d) for d in other_all}:
        return ["website on the same domain"]
    # msf.nl and msf.org are one family only when the names say so too: a domain label
    # is short and many organisations share one.
    if names_agree and typed.families & other.families:
        return ["sister domain"]
    return []


def shared_distinctive_word(typed: MatchKeys, other: MatchKeys) -> bool:
    mine = {w for name in typed.names for w in distinctive_words(tuple(name.split()))}
    return any(w in mine for name in other.names for w in name.split())


def match_reasons(typed: MatchKeys, other: MatchKeys) -> tuple[str, ...]:
    """Why `other` may be the organisation typed, strongest reason first; () if it is not."""
    by_name = name_reasons(typed, other)
    by_domain = domain_reasons(
        typed, other, names_agree=bool(by_name) or shared_distinctive_word(typed, other)
    )
    return tuple(sorted(by_name + by_domain, key=lambda reason: -REASON_SCORES[reason]))


def match_score(typed: MatchKeys, other: MatchKeys, reasons: tuple[str, ...]) -> float:
    """Ranks matches: the strongest reason, then every further one, then name similarity."""
    similarity = max((fuzz.ratio(a, b) for a in typed.names for b in other.names), default=0.0)
    return REASON_SCORES[reasons[0]] + 5 * (len(reasons) - 1) + similarity / 100
