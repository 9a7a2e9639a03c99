"""Reads across the partner registry."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Length
from django.utils.translation import gettext as _

from config.reversing import reverse_id

from .matching import (
    TYPO_SIMILARITY,
    MatchKeys,
    core_words,
    distinctive_words,
    match_reasons,
    match_score,
    typo_allowance,
    typo_possible,
    typo_similarity_floor,
)
from .models import Organisation, Partnership, PartnershipRequest, RequestEvent, RequestStatus
from .models.requests import DECISION_STATUSES
from .rotation import SECTION_LABEL
from .timeline import (
    TimelineEntry,
    TimelineSource,
    choice_label,
    day_start,
    last_activities,
    latest_per_organisation,
)

MAX_MATCHES = 8
# On PostgreSQL the trigram index narrows 100,000 names to this many at most.
TRIGRAM_CANDIDATES = 200


@dataclass(frozen=True)
class RelationshipMatch:
    organisation: Organisation
    reasons: tuple[str, ...]
    last_activity: datetime | None
    score: float = 0.0


_KEY_FIELDS = ("pk", "name_key", "acronym_key", "website_domain", "email_domain")


def find_existing_relationships(
    *,
    name: str = "",
    acronym: str = "",
    website: str = "",
    email: str = "",
    exclude_pk: int | None = None,
    limit: int = MAX_MATCHES,
) -> list[RelationshipMatch]:
    """Organisations that are likely the one described, or of its family (seed 002: check
    before approaching), best first, with the reasons a person can check.

    A fixed number of queries whatever the number of candidates: one for candidate keys,
    one for the matches with their owners, and one per last-activity provider."""
    typed = MatchKeys.build(name=name, acronym=acronym, website=website, email=email)
    if not (typed.names or typed.domains or typed.email_domains):
        return []
    scored = []
    for pk, name_key, acronym_key, website_domain, email_domain in _candidate_keys(typed):
        if pk == exclude_pk:
            continue
        other = MatchKeys.from_keys(
            {name_key, acronym_key},
            primary=name_key,
            website_domain=website_domain,
            email_domain=email_domain,
        )
        reasons = match_reasons(typed, other)
        if reasons:
            scored.append((match_score(typed, other, reasons), pk, reasons))
    scored.sort(key=lambda item: (-item[0], item[1]))
    scored = scored[: min(limit, MAX_MATCHES)]
    organisations = Organisation.objects.select_related("relationship_owner").in_bulk(
        [pk for _, pk, _ in scored]
    )
    activity = last_activities(list(organisations.values()))
    return [
        RelationshipMatch(organisations[pk], reasons, activity.get(pk), score)
        for score, pk, reasons in scored
        if pk in organisations
    ]


def _candidate_keys(typed: MatchKeys) -> list[tuple]:
    """Every organisation the scoring could accept: on PostgreSQL through the indexes
    (candidate_query), elsewhere (SQLite, development) by scoring every name in Python."""
    if connection.vendor != "postgresql":
        return list(Organisation.objects.values_list(*_KEY_FIELDS).order_by())
    query, threshold = candidate_query(typed)
    if threshold is None:
        return list(query)
    # `%` compares with pg_trgm.similarity_threshold: set in the same round trip
    # (psycopg2 sends both statements, and the cursor holds the last one's rows), so
    # the check costs no query more. Nothing else uses `%`: the setting may stay.
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT set_config('pg_trgm.similarity_threshold', %s, false); {sql}",
            [str(threshold), *params],
        )
        return cursor.fetchall()


def candidate_query(typed: MatchKeys) -> tuple[QuerySet, float | None]:
    """PostgreSQL's query for the candidates, and the trigram similarity its `%` must
    compare with (None: no typo is possible, and the query has no `%`)."""
    keys = Organisation.objects.values_list(*_KEY_FIELDS).order_by()
    exact = keys.filter(_exact_q(typed) | _branch_q(typed))
    # Typos: one query through the trigram index on core_key, joined by UNION (an OR with
    # the exact keys would make PostgreSQL scan the table).
    cores = {core for core in map(" ".join, map(core_words, typed.names)) if typo_possible(core)}
    if not cores:
        return exact, None
    floors = {core: typo_similarity_floor(core) for core in cores}
    fuzzy = Q(pk__in=[])
    for core, floor in floors.items():
        similar = TrigramSimilar(F("core_key"), Value(core))
        if floor <= TYPO_SIMILARITY:
            # A short name at the rule's 0.5: a common word alone ("Dorfal Justice")
            # brings thousands of names in. An edit or two changes the length by as
            # much at most (typo_allowance): asked of the same GIN index (migration
            # 0010), it keeps the recheck to names of about this length.
            allowed = typo_allowance(len(core))
            similar &= Q(core_length__range=(len(core) - allowed, len(core) + allowed))
        # A longer name's own floor narrows the scan, and reading every name of a
        # common length cost more than it saved (at the bench, 38 letters: 13.0 ms
        # with the length, 5.6 without). Python's rule checks the edits anyway.
        fuzzy |= similar
    longest = max(cores, key=len)
    similar_names = (
        keys.alias(core_length=Length("core_key"))
        .filter(fuzzy)
        .annotate(similarity=TrigramSimilarity("core_key", Value(longest)))
        .order_by("-similarity")
        .values_list(*_KEY_FIELDS)[:TRIGRAM_CANDIDATES]
    )
    # One threshold for the query: the lowest floor, so that no core's typos are missed.
    return exact.union(similar_names), min(floors.values())


def _branch_q(typed: MatchKeys) -> Q:
    """A branch's core begins the other's (and says who it is): the organisations whose core
    is a beginning of the one typed, or begins with it (indexed, prefix LIKE)."""
    q = Q(pk__in=[])
    for name in typed.names:
        words = core_words(name)
        beginnings = [
            " ".join(words[:count])
            for count in range(1, len(words) + 1)
            if distinctive_words(words[:count]) and len(" ".join(words[:count])) >= 3
        ]
        if beginnings:
            q |= Q(core_key__in=beginnings) | Q(acronym_key__in=beginnings)
            q |= Q(core_key__startswith=f"{beginnings[-1]} ")
    return q


def _exact_q(typed: MatchKeys) -> Q:
    q = Q(pk__in=[])
    shorts = typed.names | typed.acronyms
    if shorts:
        q |= Q(name_key__in=shorts) | Q(acronym_key__in=shorts)
    if typed.acronyms:
        q |= Q(initials_key__in=typed.acronyms)
    if typed.initials:
        q |= Q(acronym_key__in=typed.initials) | Q(name_key__in=typed.initials)
    if typed.families:
        q |= Q(website_family__in=typed.families) | Q(email_family__in=typed.families)
    return q


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


# Drafts, and drafts withdrawn without ever being submitted, are the group's own business.
NEVER_SUBMITTED_OFF = ~Q(status=RequestStatus.DRAFT) & ~Q(
    status=RequestStatus.WITHDRAWN, submitted_at__isnull=True
)


def _requests_for_timeline(organisation: Organisation):
    return PartnershipRequest.objects.filter(organisation=organisation).filter(NEVER_SUBMITTED_OFF)


def _latest_event():
    return RequestEvent.objects.filter(request=OuterRef("pk")).order_by("-created_at", "-pk")


def _request_entry(when: datetime, pk: int, values: list, organisation) -> TimelineEntry:
    group, title, status, comment, actor = values[:5]
    return TimelineEntry(
        when=when,
        kind="decision" if status in DECISION_STATUSES else "request",
        title=f"{group}: “{title}” {choice_label(PartnershipRequest, 'status', status).lower()}",
        detail=comment or "",
        url=reverse_id("admin:partnerships_partnershiprequest_change", pk),
        actor=actor or "Partnerdesk",
    )


# One entry per request naming this organisation, at its latest move and in its current
# state. A request never submitted is the group's own business and stays off; internal
# notes stay off too: the timeline is read more widely than the decision file.
request_timeline_entries = TimelineSource(
    rows=_requests_for_timeline,
    when=Coalesce(Subquery(_latest_event().values("created_at")[:1]), "updated_at"),
    columns=[
        "local_group__name",
        "activity_title",
        "status",
        Subquery(_latest_event().values("comment")[:1]),
        Subquery(_latest_event().values("actor__username")[:1]),
    ],
    entry=_request_entry,
)


def _partnership_entry(day, pk: int, values: list, organisation) -> TimelineEntry:
    title, status, first_name, last_name, username, group = values[:6]
    lead = f"{first_name} {last_name}".strip() or username  # User.get_full_name()
    return TimelineEntry(
        when=day_start(day),
        kind="partnership",
        title=_("Partnership “%(title)s” (%(status)s)")
        % {"title": title, "status": choice_label(Partnership, "status", status).lower()},
        detail=f"Led by {lead}" + (f" with {group}" if group else ""),
        url=reverse_id("admin:partnerships_partnership_change", pk),
    )


# Partnerships with this organisation, at their start.
partnership_timeline_entries = TimelineSource(
    rows=lambda organisation: organisation.partnerships.all(),
    when="starts_on",
    day=True,
    columns=[
        "title",
        "status",
        "lead__first_name",
        "lead__last_name",
        "lead__username",
        "local_group__name",
    ],  # fmt: skip
    entry=_partnership_entry,
)


def requests_latest(ids: list[int]):
    """The last move of any request naming each organisation (one query)."""
    return latest_per_organisation(
        RequestEvent.objects.filter(
            request__in=PartnershipRequest.objects.filter(NEVER_SUBMITTED_OFF)
        ),
        organisation="request__organisation",
        when="created_at",
        ids=ids,
    )


def partnerships_latest(ids: list[int]):
    return latest_per_organisation(
        Partnership.objects.all(), organisation="organisations", when="starts_on", ids=ids
    )
