"""Keyword matching between publications and contacts (seed 001's keywording system)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from outreach.models import Contact, Keyword, Publication


def _with_matches(queryset: QuerySet, keyword_ids: list[int]) -> QuerySet:
    """Rows sharing a keyword, each with `match_count` and `matched_keywords` (the shared ones)."""
    return (
        queryset.filter(keywords__in=keyword_ids)
        .annotate(match_count=Count("keywords", filter=Q(keywords__in=keyword_ids), distinct=True))
        .prefetch_related(
            Prefetch(
                "keywords",
                queryset=Keyword.objects.filter(pk__in=keyword_ids),
                to_attr="matched_keywords",
            )
        )
    )


def contacts_for_publication(*, publication: Publication, user) -> QuerySet[Contact]:
    """Contacts interested in at least one of the publication's keywords, best match first."""
    keyword_ids = [keyword.pk for keyword in publication.keywords.all()]  # may be prefetched
    # Whether each would receive a mailing comes from the one consent rule, mailable().
    mailable = Contact.objects.mailable(include_at_risk=True).filter(pk=OuterRef("pk"))
    visible = Contact.objects.annotate(is_mailable=Exists(mailable)).visible_to(user)
    return _with_matches(visible, keyword_ids).order_by(
        "-match_count", "last_name", "first_name", "pk"
    )


def publications_for_contact(*, contact: Contact) -> QuerySet[Publication]:
    """The publications a contact should have received: those sharing a keyword, newest first."""
    keyword_ids = [keyword.pk for keyword in contact.keywords.all()]  # may be prefetched
    return _with_matches(Publication.objects.all(), keyword_ids).order_by(
        "-published_on", "title", "pk"
    )


def keyword_suggestions(*, query: str, limit: int = 10) -> list[str]:
    """Keyword names for autocomplete: those starting with the query first, then containing it."""
    query = query.strip()
    if not query:
        return []
    starting = list(
        Keyword.objects.filter(name__istartswith=query).values_list("name", flat=True)[:limit]
    )
    if len(starting) < limit:
        starting += (
            Keyword.objects.filter(name__icontains=query)
            .exclude(name__istartswith=query)
            .values_list("name", flat=True)[: limit - len(starting)]
        )
    return starting
