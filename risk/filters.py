"""The risk register's filters (django-filter)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partnerships.forms.pickers import organisation_picker
from partnerships.models import Organisation

from .models import AssessmentStatus, Rating, RiskAssessment, RiskAssessmentQuerySet, RiskType


class RiskAssessmentFilter(django_filters.FilterSet):
    risk_type = django_filters.ChoiceFilter(
        label=_("Risk type"),
        choices=RiskType.choices,
        method="filter_risk_type",
        empty_label=_("Any"),
    )
    rating = django_filters.ChoiceFilter(choices=Rating.choices, empty_label=_("Any"))
    status = django_filters.ChoiceFilter(choices=AssessmentStatus.choices, empty_label=_("Any"))
    organisation = django_filters.ModelChoiceFilter(
        widget=organisation_picker(),
        label=_("Organisation"),
        queryset=Organisation.objects.only("name", "acronym"),
        method="filter_organisation",
        empty_label=_("Any"),
    )

    class Meta:
        model = RiskAssessment
        fields: list[str] = []

    def filter_risk_type(self, queryset: RiskAssessmentQuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_line_of(value)

    def filter_organisation(
        self, queryset: RiskAssessmentQuerySet, name: str, value: Organisation
    ) -> QuerySet:
        return queryset.concerning(value)
