"""The dashboard's figures: one query each, whatever the size of the data."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from outreach.models import Approach, Contact
from outreach.models.mailings import Mailing, MailingStatus
from partnerships.models import Organisation, Partnership, PartnershipRequest
from partnerships.models.organisations import RelationshipStatus


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    url: str


def dashboard_figures(*, user) -> list[Figure]:
    organisations = Organisation.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(relationship_status=RelationshipStatus.ACTIVE)),
        prospects=Count("pk", filter=Q(relationship_status=RelationshipStatus.PROSPECT)),
    )
    contacts = Contact.objects.visible_to(user)
    return [
        Figure("Organisations in the registry", organisations["total"], reverse("partnerships:organisation_list")),
        Figure("Active relationships", organisations["active"], reverse("partnerships:organisation_list") + "?relationship_status=active"),
        Figure("Prospects", organisations["prospects"], reverse("partnerships:organisation_list") + "?relationship_status=prospect"),
        Figure("Active partnerships", Partnership.objects.active().count(), reverse("partnerships:organisation_list") + "?has_active_partnership=true"),
        Figure("Requests awaiting a decision", PartnershipRequest.objects.awaiting_decision().count(), reverse("admin:review_queue")),
        Figure("Contacts who may be mailed", contacts.mailable().count(), reverse("outreach:contact_list")),
        Figure("Follow-ups overdue", Approach.objects.overdue().visible_to(user).count(), reverse("outreach:approach_list")),
        Figure("Mailings in progress", Mailing.objects.exclude(status=MailingStatus.DONE).count(), reverse("outreach:ua_list")),
    ]  # fmt: skip
