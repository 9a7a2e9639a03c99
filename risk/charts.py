"""The risk heatmap on the dashboard, registered from RiskConfig.ready() with
dashboard.charts.register_chart: the register's residual counts (one rule, in
selectors.residual_heatmap) as a bubble chart, and the same numbers as its table.

Only counts leave here: no assessment, organisation, request or contact is named, so the
chart's JSON can never show anything about a person at risk."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Rating, RiskLine
from .selectors import residual_heatmap

if TYPE_CHECKING:
    from dashboard.sections import DashboardFilters

# The register's colours (static/css/app.css .risk-*), so both pages read alike.
RATING_COLOURS = {
    Rating.LOW: "rgba(25, 135, 84, 0.75)",
    Rating.MEDIUM: "rgba(255, 193, 7, 0.85)",
    Rating.HIGH: "rgba(253, 126, 20, 0.85)",
    Rating.SEVERE: "rgba(220, 53, 69, 0.85)",
}
SCALE = range(1, 6)


def _lines(filters: "DashboardFilters") -> QuerySet[RiskLine]:
    """Lines of assessments of the filtered group's (or region's) requests and
    partnerships; the region also takes in assessments of its organisations."""
    lines = RiskLine.objects.all()
    if filters.local_group_id:
        lines = lines.filter(
            Q(assessment__partnership_request__local_group_id=filters.local_group_id)
            | Q(assessment__partnership__local_group_id=filters.local_group_id)
        )
    if filters.region:
        lines = lines.filter(
            Q(assessment__partnership_request__local_group__region=filters.region)
            | Q(assessment__partnership__local_group__region=filters.region)
            | Q(assessment__organisation__region=filters.region)
        )
    return lines


def _radius(count: int) -> int:
    # The area, not the radius, grows with the count; capped to stay inside its cell.
    return min(6 + round(4 * count**0.5), 28)


def risk_heatmap(filters: "DashboardFilters") -> dict:
    """Risk lines counted by residual likelihood (across) and impact (up), one query."""
    grid = residual_heatmap(_lines(filters))  # rows impact 5..1, columns likelihood 1..5
    cells = [cell for row in grid for cell in row if cell.count]
    datasets = [
        {
            "label": str(rating.label),
            "backgroundColor": colour,
            "borderColor": colour,
            "data": [
                {
                    "x": cell.likelihood,
                    "y": cell.impact,
                    "r": _radius(cell.count),
                    "count": cell.count,
                    "label": ngettext(
                        "Likelihood %(likelihood)s, impact %(impact)s: %(count)s risk",
                        "Likelihood %(likelihood)s, impact %(impact)s: %(count)s risks",
                        cell.count,
                    )
                    % {"likelihood": cell.likelihood, "impact": cell.impact, "count": cell.count},
                }
                for cell in cells
                if cell.rating == rating
            ],
        }
        for rating, colour in RATING_COLOURS.items()
    ]
    columns = [_("Impact \\ likelihood")]
    columns += [_("Likelihood %(number)s") % {"number": n} for n in SCALE]
    rows = [
        [_("Impact %(number)s") % {"number": row[0].impact}, *(cell.count for cell in row)]
        for row in grid
    ]
    return {
        "type": "bubble",
        "title": _("Risk heatmap: likelihood and impact after mitigation"),
        "labels": [],
        "datasets": datasets,
        "axes": {"x": _("Likelihood"), "y": _("Impact")},
        "table": {"columns": columns, "rows": rows if cells else []},
        "link": {"label": _("Risk register"), "url": reverse("risk:register")},
    }
