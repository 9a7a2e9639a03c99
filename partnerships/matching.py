"""Normalisation for the existing-relationship check (seed 002: one approach per partner).

Two records are likely the same organisation when their normalised names,
acronyms, website domains or e-mail domains agree. Normalising strips accents,
case, punctuation, a leading "The" and legal-form suffixes such as "Inc" or "e.V.".
"""

import re
import unicodedata
from urllib.parse import urlsplit

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
# Webmail domains say nothing about the organisation behind an address.
PUBLIC_MAIL_DOMAINS = {
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "icloud.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "aol.com",
}  # fmt: skip


def _ascii_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    # "e.V." and "S.A." must become "ev" and "sa", so dots inside words join.
    plain = re.sub(r"(?<=\w)\.(?=\w)", "", plain)
    return re.findall(r"[a-z0-9]+", plain)


def normalise_name(name: str) -> str:
    words = _ascii_words(name)
    while words and words[0] in LEADING_WORDS and len(words) > 1:
        words = words[1:]
    while words and words[-1] in LEGAL_SUFFIXES and len(words) > 1:
        words = words[:-1]
    return " ".join(words)


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
