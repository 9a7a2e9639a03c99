"""The shared keyword vocabulary: one spelling per keyword, whoever types it."""

import re
from collections.abc import Iterable

from django.db import transaction

from accounts.errors import NotPossible
from outreach.models import Keyword

KEYWORD_MAX_LENGTH = Keyword._meta.get_field("name").max_length


def keyword_normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


@transaction.atomic
def keywords_resolve(*, names: Iterable[str]) -> list[Keyword]:
    """The keywords named, reusing an existing spelling regardless of case, creating the rest."""
    resolved: dict[str, Keyword] = {}
    for raw in names:
        name = keyword_normalise(raw)
        if not name or name.casefold() in resolved:
            continue
        if len(name) > KEYWORD_MAX_LENGTH:
            raise NotPossible(
                f"“{name[:20]}…” is too long for a keyword ({KEYWORD_MAX_LENGTH} characters at most)."
            )
        keyword = Keyword.objects.filter(name__iexact=name).first()
        resolved[name.casefold()] = keyword or Keyword.objects.create(name=name)
    return list(resolved.values())
