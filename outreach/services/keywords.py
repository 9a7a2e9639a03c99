"""The shared keyword vocabulary: one spelling per keyword, whoever types it."""

import re
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

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
                _("“%(keyword)s…” is too long for a keyword (%(limit)s characters at most).")
                % {"keyword": name[:20], "limit": KEYWORD_MAX_LENGTH}
            )
        keyword = Keyword.objects.filter(name__iexact=name).first()
        resolved[name.casefold()] = keyword or Keyword.objects.create(name=name)
    return list(resolved.values())
