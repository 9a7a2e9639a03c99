"""Reads across the partner registry."""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .matching import domain_of, normalise_name
from .models import Organisation, RequestEvent
from .models.requests import DECISION_STATUSES
from .rotation import SECTION_LABEL
from .timeline import TimelineEntry, last_activity


@dataclass(frozen=True)
class RelationshipMatch:
    organisation: Organisation
    reasons: tuple[str, ...]
    last_activity: datetime | None


def find_existing_relationships(
    *,
    name: str = "",
    acronym: str = "",
    website: str = "",
    email: str = "",
    exclude_pk: int | None = None,
    limit: int = 10,
) -> list[RelationshipMatch]:
    """Organisations that are likely the one described (seed 002: check before approaching)."""
    name_key, acronym_key = normalise_name(name), normalise_name(acronym)
    web, mail = domain_of(website), domain_of(email)
    tests = {
        "same name": Q(name_key=name_key) if name_key else None,
        "name matches acronym": Q(acronym_key=name_key) if name_key else None,
        "same acronym": Q(acronym_key=acronym_key) | Q(name_key=acronym_key)
        if acronym_key
        else None,
        "same website domain": Q(website_domain=web) | Q(email_domain=web) if web else None,
        "same e-mail domain": Q(email_domain=mail) | Q(website_domain=mail) if mail else None,
    }
    tests = {reason: q for reason, q in tests.items() if q is not None}
    if not tests:
        return []
    combined = Q()
    for q in tests.values():
        combined |= q
    candidates = Organisation.objects.filter(combined).select_related("relationship_owner")
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    matches = []
    for organisation in candidates[:limit]:
        reasons = tuple(
            reason
            for reason, q in tests.items()
            if _matches(organisation, reason, name_key, acronym_key, web, mail)
        )
        matches.append(RelationshipMatch(organisation, reasons, last_activity(organisation)))
    # The record that agrees on most counts comes first: it is the likeliest twin.
    return sorted(matches, key=lambda match: -len(match.reasons))


def _matches(
    org: Organisation, reason: str, name_key: str, acronym_key: str, web: str, mail: str
) -> bool:
    return {
        "same name": org.name_key == name_key,
        "name matches acronym": bool(org.acronym_key) and org.acronym_key == name_key,
        "same acronym": bool(acronym_key) and acronym_key in (org.acronym_key, org.name_key),
        "same website domain": bool(web) and web in (org.website_domain, org.email_domain),
        "same e-mail domain": bool(mail) and mail in (org.email_domain, org.website_domain),
    }[reason]


# Coalitions ---------------------------------------------------------------


def statement_missing_agreements(statement) -> list[str]:
    """The current members (and the Section, when a member) who have not agreed yet."""
    agreed = set(statement.agreements.values_list("organisation_id", flat=True))
    missing = [
        str(m.organisation)
        for m in statement.coalition.memberships.current().select_related("organisation")
        if m.organisation_id not in agreed
    ]
    if statement.coalition.section_is_member and statement.section_agreed_at is None:
        missing.insert(0, SECTION_LABEL)
    return missing


def _visible_rows(model, user, **lookup):
    """Rows of any app's model, through its queryset's `visible_to(user)` when it has one
    (rows about people at risk): a count must not reveal what a list would hide."""
    queryset = model._default_manager.filter(**lookup)
    if user is not None and hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    return queryset


def organisation_related_counts(organisation: Organisation, user=None) -> dict[str, int]:
    """How many records of each kind point at an organisation (for the merge page):
    with `user`, only the rows that user may see."""
    counts = {}
    for relation in Organisation._meta.related_objects:
        if relation.many_to_many and not relation.through._meta.auto_created:
            continue  # counted through the through model's own foreign key
        model = relation.related_model
        if relation.many_to_many:
            rows = relation.through, {relation.field.m2m_reverse_field_name(): organisation}
        else:
            rows = model, {relation.field.name: organisation}
        count = _visible_rows(rows[0], user, **rows[1]).count()
        if count:
            counts[str(model._meta.verbose_name_plural)] = count
    return counts


# --- Partnership requests -----------------------------------------------------------------


def group_email_recipients(local_group) -> list[str]:
    """Where news about a group's requests goes: its contact address and its logins."""
    addresses = [local_group.contact_email, *local_group.users.values_list("email", flat=True)]
    return sorted({address.lower() for address in addresses if address})


def request_timeline_entries(organisation: Organisation) -> list[TimelineEntry]:
    """Every move of every request naming this organisation (one query).
    Internal notes stay out: the timeline is read more widely than the decision file."""
    events = (
        RequestEvent.objects.filter(request__organisation=organisation)
        .select_related("request__local_group", "actor")
        .order_by("created_at", "pk")
    )
    return [
        TimelineEntry(
            when=event.created_at,
            kind="decision" if event.to_status in DECISION_STATUSES else "request",
            title=f"{event.request.local_group.name}: “{event.request.activity_title}” "
            f"{event.get_to_status_display().lower()}",
            detail=event.comment,
            url=reverse("admin:partnerships_partnershiprequest_change", args=[event.request_id]),
            actor=event.actor.get_username() if event.actor else "Partnerdesk",
        )
        for event in events
    ]


def partnership_timeline_entries(organisation: Organisation) -> list[TimelineEntry]:
    """Partnerships with this organisation, at their start (one query)."""
    partnerships = organisation.partnerships.select_related("lead", "local_group")
    return [
        TimelineEntry(
            when=datetime.combine(p.starts_on, time.min, tzinfo=timezone.get_current_timezone()),
            kind="partnership",
            title=f"Partnership “{p.title}” ({p.get_status_display().lower()})",
            detail=f"Led by {p.lead.get_full_name() or p.lead.get_username()}"
            + (f" with {p.local_group.name}" if p.local_group else ""),
            url=reverse("admin:partnerships_partnership_change", args=[p.pk]),
        )
        for p in partnerships
    ]
