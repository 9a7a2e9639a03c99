"""The risk rating in the coordinators' review queue (registered through partnerships.panels)."""

from django.contrib import admin

from partnerships.models import PartnershipRequest

from .models import Rating
from .selectors import NOT_ASSESSED


class RiskRatingFilter(admin.SimpleListFilter):
    """By the rating of the request's assessment, or "not assessed". The admin asks
    every list filter for its queryset, so this one also loads each request's
    assessment with it: the rating column then costs no query per row."""

    title = "risk rating"
    parameter_name = "risk"
    NONE = "none"

    def __init__(self, request, params, model, model_admin) -> None:
        super().__init__(request, params, model, model_admin)
        # The changelist skips its own list_select_related once a filter set one.
        related = model_admin.get_list_select_related(request)
        self.related = list(related) if isinstance(related, list | tuple) else []

    def lookups(self, request, model_admin):
        return [*Rating.choices, (self.NONE, NOT_ASSESSED.capitalize())]

    def queryset(self, request, queryset):
        queryset = queryset.select_related("risk_assessment", *self.related)
        value = self.value()
        if value == self.NONE:
            return queryset.filter(risk_assessment__isnull=True)
        if value in Rating.values:
            return queryset.filter(risk_assessment__rating=value)
        return queryset if value is None else queryset.none()


@admin.display(description="risk")
def risk_rating(partnership_request: PartnershipRequest) -> str:
    try:
        assessment = partnership_request.risk_assessment
    except PartnershipRequest.risk_assessment.RelatedObjectDoesNotExist:
        return NOT_ASSESSED
    rating = assessment.get_rating_display() if assessment.rating else "no lines yet"
    return rating if assessment.is_complete() else f"{rating} (draft)"
