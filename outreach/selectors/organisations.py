"""The outreach side of an organisation: its registry page panel (see partnerships.panels),
and finding an organisation to place on a spectrum or in a sector."""

from django.db.models import Count, Q, Window

from partnerships.models import Organisation
from partnerships.panels import OrganisationPanel

from ..models import Contact, Employment, Sector
from ..services.contacts import at_risk_access_log

CONTACTS_SHOWN = 25
SEARCH_LIMIT = 20


def organisation_outreach_panel(organisation: Organisation, user) -> OrganisationPanel:
    """Its sectors and the people there (at risk only for those allowed): two queries,
    the total counted by a window over the same rows."""
    employments = (
        Employment.objects.filter(
            organisation=organisation, contact__in=Contact.objects.visible_to(user)
        )
        .select_related("contact")
        # Current roles first, then the most recent.
        .order_by("end_date", "-start_date", "contact__last_name", "pk")
        .annotate(total=Window(Count("pk")))
    )
    shown = list(employments[:CONTACTS_SHOWN])

    def record(viewer, page: str) -> None:
        # Only holders of the permission are shown a person at risk (visible_to above).
        at_risk = [e.contact for e in shown if e.contact.is_at_risk]
        if at_risk:  # (no write, not even a savepoint, for a page without them)
            at_risk_access_log(contacts=at_risk, user=viewer, page=page)

    return OrganisationPanel(
        record=record,
        template="outreach/_organisation_panel.html",
        context={
            "sectors": list(organisation.sectors.all()),
            "employments": shown,
            "employment_count": shown[0].total if shown else 0,
        },
    )


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
