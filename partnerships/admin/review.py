"""What the coordinator's review page shows beside the request, in a fixed number of queries.

One page holds everything needed to decide: the organisation and its relationship, the
existing-relationship matches the group saw when it made the request, the organisation's
past requests and decisions, and the request's own history.
"""

from django.db.models import Prefetch

from partnerships.models import Organisation, PartnershipRequest, RequestEvent, RequestStatus
from partnerships.selectors import RelationshipMatch, find_existing_relationships
from partnerships.timeline import last_activities

PAST_REQUESTS_SHOWN = 10


def seen_matches(partnership_request: PartnershipRequest) -> tuple[list[RelationshipMatch], bool]:
    """The matches kept when the group made the request, and True; for a request made
    before they were kept, the matches the registry gives now, and False."""
    kept = partnership_request.relationship_matches or []
    if not kept:
        org = partnership_request.organisation
        live = find_existing_relationships(
            name=org.name, acronym=org.acronym, website=org.website, email=org.email,
            exclude_pk=org.pk,
        )  # fmt: skip
        return live, False
    organisations = Organisation.objects.select_related("relationship_owner").in_bulk(
        [match["organisation"] for match in kept]
    )
    activity = last_activities(organisations.values())
    return [
        RelationshipMatch(
            organisations[m["organisation"]], tuple(m["reasons"]), activity.get(m["organisation"])
        )
        for m in kept
        if m["organisation"] in organisations  # merged or removed since
    ], True


def past_requests(partnership_request: PartnershipRequest) -> list[PartnershipRequest]:
    """The organisation's other submitted requests, newest first, each with its decisions
    (`.decisions`, newest first). Drafts are the groups' own business."""
    decisions = RequestEvent.objects.decisions().select_related("actor").order_by("-created_at")
    return list(
        PartnershipRequest.objects.filter(organisation_id=partnership_request.organisation_id)
        .exclude(pk=partnership_request.pk)
        .exclude(status=RequestStatus.DRAFT)
        .select_related("local_group")
        .prefetch_related(Prefetch("events", queryset=decisions, to_attr="decisions"))
        .order_by("-created_at", "-pk")[:PAST_REQUESTS_SHOWN]
    )


def review_context(partnership_request: PartnershipRequest) -> dict:
    matches, kept = seen_matches(partnership_request)
    organisation = partnership_request.organisation
    return {
        "organisation": organisation,
        "organisation_last_activity": last_activities([organisation]).get(organisation.pk),
        "seen_matches": matches,
        "matches_were_kept": kept,
        "past_requests": past_requests(partnership_request),
        "history": list(partnership_request.events.select_related("actor")),
        "checklist_answers": list(
            partnership_request.checklist_answers.select_related("answered_by")
        ),
    }
