"""The outreach side of an organisation, shown on its registry page (see partnerships.panels)."""

from partnerships.models import Organisation
from partnerships.panels import OrganisationPanel

from ..models import Contact, Employment

CONTACTS_SHOWN = 25


def organisation_outreach_panel(organisation: Organisation, user) -> OrganisationPanel:
    """Its sectors and the people there (at risk only for those allowed): three queries."""
    employments = (
        Employment.objects.filter(
            organisation=organisation, contact__in=Contact.objects.visible_to(user)
        )
        .select_related("contact")
        # Current roles first, then the most recent.
        .order_by("end_date", "-start_date", "contact__last_name", "pk")
    )
    return OrganisationPanel(
        template="outreach/_organisation_panel.html",
        context={
            "sectors": list(organisation.sectors.all()),
            "employments": list(employments[:CONTACTS_SHOWN]),
            "employment_count": employments.count(),
        },
    )
