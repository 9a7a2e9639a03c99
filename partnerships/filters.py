"""The partner registry's list filters (django-filter)."""

import django_filters
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.roles import staff_users
from config.widgets import CountrySelect, QuickSelect

from .models import Organisation
from .models.organisations import OrganisationKind, RelationshipStatus, Scope

# The list page's compact filter panel (includes/_filter_fields.html renders it as it is).
SMALL_SELECT = QuickSelect(attrs={"class": "form-select form-select-sm"})

RIGHTS_FOCUS_CHOICES = [
    ("civil_political", _("Civil and political")),
    ("economic_social_cultural", _("Economic, social and cultural")),
    ("both", _("Both")),
]


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    # "Any", as the contact filters say, rather than a row of dashes.
    kind = django_filters.ChoiceFilter(
        widget=SMALL_SELECT, choices=OrganisationKind.choices, empty_label=_("Any")
    )
    scope = django_filters.ChoiceFilter(
        widget=SMALL_SELECT, choices=Scope.choices, empty_label=_("Any")
    )
    # `countries` itself, not a list made at import: it sorts in the reader's language,
    # and every request's FilterSet deep-copies its filters (250 lazy names: 3 ms).
    country = django_filters.ChoiceFilter(
        widget=CountrySelect(SMALL_SELECT.attrs), choices=countries, empty_label=None
    )
    relationship_status = django_filters.ChoiceFilter(
        widget=SMALL_SELECT,
        label=_("Status"),
        choices=RelationshipStatus.choices,
        empty_label=_("Any"),
    )
    rights_focus = django_filters.ChoiceFilter(
        widget=SMALL_SELECT,
        label=_("Rights focus"),
        choices=RIGHTS_FOCUS_CHOICES,
        method="filter_focus",
        empty_label=_("Any"),
    )
    relationship_owner = django_filters.ModelChoiceFilter(
        widget=SMALL_SELECT, label=_("Owner"), queryset=staff_users(), empty_label=_("Any")
    )
    has_active_partnership = django_filters.ChoiceFilter(
        widget=SMALL_SELECT,
        label=_("Active partnership"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        empty_label=_("Any"),
        method="filter_active_partnership",
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Name (default)"),
        fields=(
            ("name", "name"),
            ("kind", "kind"),
            ("country", "country"),
            ("relationship_status", "status"),
            ("updated_at", "updated"),
        ),
        field_labels={"updated_at": _("Last updated")},
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Sorted by an expression the name index cannot give: otherwise PostgreSQL
        # walks the whole registry in name order, hoping to meet 25 matches early,
        # instead of collecting the few thousand matches from the trigram indexes.
        return queryset.search(value).order_by(Lower("name"), "pk")

    def filter_active_partnership(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_active_partnership(value == "true")

    def filter_focus(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return {
            "civil_political": queryset.filter(focus_civil_political=True),
            "economic_social_cultural": queryset.filter(focus_economic_social_cultural=True),
            "both": queryset.filter(
                focus_civil_political=True, focus_economic_social_cultural=True
            ),
        }[value]
