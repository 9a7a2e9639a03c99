"""Writes for publications."""

from collections.abc import Iterable

from django.db import transaction

from outreach.models import Publication

from .keywords import keywords_resolve


@transaction.atomic
def publication_save(*, publication: Publication, keyword_names: Iterable[str]) -> Publication:
    """Save a publication validated by its form, with its keywords from the shared vocabulary."""
    publication.full_clean()
    publication.save()
    publication.keywords.set(keywords_resolve(names=keyword_names))
    return publication
