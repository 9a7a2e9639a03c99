"""The dashboard's figures at a glance: one query for the registry, one cached count,
and the counts the sections computed already."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from partnerships.models.organisations import RelationshipStatus

from .providers import mailable_contacts_count
from .sections import Section

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise


@dataclass(frozen=True)
class Figure:
    label: "StrOrPromise"
    value: int
    url: str


def dashboard_figures(*, user, sections: list[Section]) -> list[Figure]:
    organisations = Organisation.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(relationship_status=RelationshipStatus.ACTIVE)),
        prospects=Count("pk", filter=Q(relationship_status=RelationshipStatus.PROSPECT)),
    )
    registry = reverse("partnerships:organisation_list")
    figures = [
        Figure(_("Organisations in the registry"), organisations["total"], registry),
        Figure(_("Active relationships"), organisations["active"], f"{registry}?relationship_status=active"),
        Figure(_("Prospects"), organisations["prospects"], f"{registry}?relationship_status=prospect"),
        Figure(_("Contacts who may be mailed"), mailable_contacts_count(), reverse("outreach:contact_list") + "?consent=yes&status=active"),
    ]  # fmt: skip
    by_key = {section.key: section for section in sections}
    for key, label in [
        ("requests", _("Requests awaiting a decision")),
        ("follow_ups", _("My follow-ups due")),
        ("mailings", _("Mailings in progress")),
    ]:
        if key in by_key:
            figures.append(Figure(label, by_key[key].count, by_key[key].url))
    if "follow_ups" in by_key:
        section = by_key["follow_ups"]
        figures.insert(-1, Figure(_("Follow-ups overdue"), section.overdue, section.overdue_url))
    return figures
