"""Finding an organisation to place on a spectrum or in a sector."""

from django.db.models import Q

from outreach.models import Sector
from partnerships.models import Organisation

SEARCH_LIMIT = 20


def organisations_matching(
    *, query: str, outside_sector: Sector | None = None, limit: int = SEARCH_LIMIT
) -> list[Organisation]:
    """Organisations whose name or acronym contains the query, by name, at most `limit`."""
    if not query:
        return []
    found = Organisation.objects.filter(Q(name__icontains=query) | Q(acronym__icontains=query))
    if outside_sector is not None:
        found = found.exclude(sectors=outside_sector)
    return list(found.order_by("name")[:limit])
