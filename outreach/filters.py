"""Search, filters and sorting of the contact and approach lists."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from config.widgets import CountrySelect, QuickSelect

from .models import (
    AccessAction,
    Approach,
    ApproachOutcome,
    AtRiskAccessLog,
    Contact,
    ContactStatus,
    Keyword,
    Sector,
)
from .models.contacts import search_words

# The list pages' compact filter row (includes/_filter_fields.html renders the widget as it is).
SMALL_SELECT = QuickSelect(attrs={"class": "form-select form-select-sm"})

CONSENT_CHOICES = [("yes", _("Consent given")), ("no", _("No consent"))]
FOLLOW_UP_CHOICES = [
    ("due", _("Due (today or earlier)")),
    ("overdue", _("Overdue")),
    ("open", _("Planned, not done")),
    ("done", _("Done")),
]


class SearchFilterSet(django_filters.FilterSet):
    """A free-text box handed to the queryset's own search() method."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class ContactFilter(SearchFilterSet):
    sector = django_filters.ModelChoiceFilter(
        widget=SMALL_SELECT,
        field_name="sectors",
        queryset=Sector.objects.all(),
        empty_label=_("Any sector"),
        label=_("Sector"),
    )
    country = django_filters.ChoiceFilter(
        widget=CountrySelect(SMALL_SELECT.attrs, empty_label=_("Any country")),
        choices=countries,
        empty_label=None,
    )
    status = django_filters.ChoiceFilter(
        widget=SMALL_SELECT, choices=ContactStatus.choices, empty_label=_("Any status")
    )
    consent = django_filters.ChoiceFilter(
        widget=SMALL_SELECT,
        choices=CONSENT_CHOICES,
        method="filter_consent",
        empty_label=_("Any"),
        label=_("Consent"),
    )
    keyword = django_filters.ModelChoiceFilter(
        widget=SMALL_SELECT,
        field_name="keywords",
        queryset=Keyword.objects.all(),
        empty_label=_("Any keyword"),
        label=_("Interest"),
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("last_name", "name"),
            ("country", "country"),
            ("status", "status"),
            ("updated_at", "updated"),
        ),
        field_labels={"name": _("Name"), "updated": _("Last changed")},
        empty_label=_("Name"),
        label=_("Sort by"),
    )

    class Meta:
        model = Contact
        fields: list[str] = []

    def filter_consent(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_consent() if value == "yes" else queryset.without_consent()


class ApproachFilter(SearchFilterSet):
    follow_up = django_filters.ChoiceFilter(
        choices=FOLLOW_UP_CHOICES,
        method="filter_follow_up",
        empty_label=_("Any follow-up"),
        label=_("Follow-up"),
    )
    outcome = django_filters.ChoiceFilter(
        choices=ApproachOutcome.choices, empty_label=_("Any outcome")
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Only my follow-ups"), widget=forms.CheckboxInput
    )
    sort = django_filters.OrderingFilter(
        fields=(("approached_on", "date"), ("follow_up_on", "follow_up")),
        field_labels={"date": _("Date approached"), "follow_up": _("Follow-up date")},
        empty_label=_("Newest first"),
        label=_("Sort by"),
    )

    class Meta:
        model = Approach
        fields: list[str] = []

    def filter_follow_up(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return {
            "due": queryset.due,
            "overdue": queryset.overdue,
            "open": queryset.open_follow_ups,
            "done": lambda: queryset.filter(followed_up_at__isnull=False),
        }[value]()

    def filter_mine(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(follow_up_owner=self.request.user) if value else queryset


class AccessLogFilter(django_filters.FilterSet):
    """The coordinators' access log: who, whom (by name), what, where and when."""

    # Each user looked up in the log through its index: a join with DISTINCT read the
    # whole log, which grows with every access (the bench: 16 ms at 31,000 entries, for
    # the count and again for the options).
    user = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(Exists(AtRiskAccessLog.objects.filter(user=OuterRef("pk")))),
        empty_label=_("Anyone"), label=_("Who"),
    )  # fmt: skip
    contact = django_filters.CharFilter(method="filter_contact", label=_("Contact"))
    action = django_filters.ChoiceFilter(choices=AccessAction.choices, empty_label=_("Any access"))
    # Not "page": that is the pagination's parameter.
    where = django_filters.CharFilter(field_name="page", lookup_expr="icontains", label=_("Page"))
    since = django_filters.DateFilter(
        field_name="accessed_at", lookup_expr="date__gte", label=_("From")
    )
    until = django_filters.DateFilter(
        field_name="accessed_at", lookup_expr="date__lte", label=_("To")
    )

    class Meta:
        model = AtRiskAccessLog
        fields = ["user", "contact", "action", "where", "since", "until"]

    def filter_contact(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_words(queryset, value[:100], ["contact__first_name", "contact__last_name"])
