from typing import cast

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from accounts.models import LocalGroup

from .sections import DashboardFilters

PERIODS = [
    (7, _("Last 7 days")),
    (30, _("Last 30 days")),
    (90, _("Last 3 months")),
    (365, _("Last 12 months")),
]


def _local_groups() -> list[tuple[int, str, str]]:
    """(id, name, region) of every local group, cached briefly: the filter's choices."""
    return cast(
        list[tuple[int, str, str]],
        cache.get_or_set(
            "dashboard:local-groups",
            lambda: list(LocalGroup.objects.order_by("name").values_list("pk", "name", "region")),
            300,
        ),
    )


class DashboardFilterForm(forms.Form):
    """GET filters kept in the URL, so a view of the dashboard can be shared."""

    period = forms.TypedChoiceField(label=_("Period"), choices=PERIODS, coerce=int, required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    local_group = forms.TypedChoiceField(label=_("Local group"), coerce=int, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groups = _local_groups()
        regions = sorted({region for _pk, _name, region in groups if region})
        cast(forms.ChoiceField, self.fields["region"]).choices = [
            ("", _("All regions")),
            *((r, r) for r in regions),
        ]
        cast(forms.ChoiceField, self.fields["local_group"]).choices = [
            ("", _("All local groups")),
            *((pk, name) for pk, name, _r in groups),
        ]

    @classmethod
    def showing(cls, filters: DashboardFilters) -> "DashboardFilterForm":
        """The form as the page shows it: the filters applied (an ignored bad value
        shows as its default), so the same filters always render the same."""
        return cls(
            initial={
                "period": filters.period_days,
                "region": filters.region,
                "local_group": filters.local_group_id,
            }
        )

    def filters(self) -> DashboardFilters:
        """The filters to apply; an invalid value is ignored rather than an error page."""
        if not self.is_bound:
            return DashboardFilters()
        self.is_valid()
        data = self.cleaned_data
        return DashboardFilters(
            period_days=data.get("period") or 30,
            region=data.get("region") or "",
            local_group_id=data.get("local_group") or None,
        )
