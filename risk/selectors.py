"""Reads across relations: the panels and timeline entries risk adds to partnerships'
pages, the register's heatmap, and a request's assessment and advice."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from config.reversing import reverse_id
from partnerships.models import Organisation, PartnershipRequest
from partnerships.panels import OrganisationPanel
from partnerships.timeline import TimelineEntry, TimelineSource, choice_label, day_start

from .advisor import InvalidEvent, advise, parse_event
from .models import (
    AssessmentStatus,
    Rating,
    RequestAdvice,
    RiskAssessment,
    RiskAssessmentQuerySet,
    RiskLine,
)
from .ratings import band

PANEL_ASSESSMENTS_SHOWN = 10
NOT_ASSESSED = "not assessed"

# The request's proposed visibility in the advisor's words, to compare the two.
REQUEST_VISIBILITY_AS_ADVICE = {
    "branded": "amnesty_branded",
    "co_branded": "co_branded",
    "silent": "unbranded",
    "attend_only": "unbranded",
}
ADVICE_VISIBILITY_LABELS = {
    "amnesty_branded": _("Amnesty-branded"),
    "co_branded": _("Co-branded"),
    "unbranded": _("Unbranded (silent partner)"),
    "none": _("None: no Amnesty presence"),
}


# The register's order: open (draft) assessments first, then the latest.
REGISTER_ORDER = ("-status", "-assessed_on", "-pk")


def register_assessments() -> QuerySet[RiskAssessment]:
    """Assessments with what the register, the detail page and the API show of them."""
    return RiskAssessment.objects.select_related(
        "assessor", "partnership_request__organisation", "partnership", "organisation"
    )


def _with_lines(queryset: QuerySet[RiskAssessment]) -> QuerySet[RiskAssessment]:
    return queryset.select_related("assessor").prefetch_related("lines")


def assessment_for_request(partnership_request: PartnershipRequest) -> RiskAssessment | None:
    return _with_lines(RiskAssessment.objects.filter(partnership_request=partnership_request)).first()  # fmt: skip


def rating_label(rating: str) -> str:
    return choice_label(RiskAssessment, "rating", rating) if rating else NOT_ASSESSED


@dataclass(frozen=True)
class VisibilityComparison:
    proposed: str
    advised: str
    differs: bool


def compare_visibility(partnership_request: PartnershipRequest, advice: RequestAdvice) -> VisibilityComparison:  # fmt: skip
    proposed = REQUEST_VISIBILITY_AS_ADVICE.get(partnership_request.visibility, "")
    return VisibilityComparison(
        proposed=partnership_request.get_visibility_display(),
        advised=str(ADVICE_VISIBILITY_LABELS.get(advice.visibility, advice.visibility)),
        differs=proposed != advice.visibility,
    )


@dataclass(frozen=True)
class AdviceAsGiven:
    recommendation: str
    conditions: list[str]


def advice_as_given(advice: RequestAdvice) -> AdviceAsGiven:
    """What the group was told, in the reader's language. The advisor's words are stored
    in the group's language. Today's rules, re-run on the stored event, give them in the
    reader's, but only when, in one of our languages, they reproduce the stored advice
    word for word: a later change of rules must not rewrite what the group was told, so
    otherwise the stored words are shown as they were."""
    stored = AdviceAsGiven(advice.recommendation, list(advice.advice.get("conditions", [])))
    try:
        event = parse_event(advice.event)
    except InvalidEvent:
        return stored

    def told_in(language: str) -> tuple[str, str, list[str]]:
        with translation.override(language):
            today = advise(event)  # its conditions are translated as it runs
        return str(today.recommendation), str(today.visibility), list(today.conditions)

    told = {language: told_in(language) for language, _name in settings.LANGUAGES}
    if (advice.recommendation, advice.visibility, stored.conditions) not in told.values():
        return stored
    reader = translation.get_language()
    recommendation, _visibility, conditions = told.get(reader) or told_in(reader)
    return AdviceAsGiven(recommendation, conditions)


def _reverse_one(partnership_request: PartnershipRequest, name: str):
    try:
        return getattr(partnership_request, name)
    except ObjectDoesNotExist:
        return None


def request_review_panel(partnership_request: PartnershipRequest, user) -> OrganisationPanel:
    """The coordinator's review page: the assessment beside the checklist, and the
    advice the group was given: one query, and one more for the lines of an assessment."""
    loaded = (
        PartnershipRequest.objects.select_related("risk_assessment__assessor", "risk_advice")
        .prefetch_related("risk_assessment__lines")
        .get(pk=partnership_request.pk)
    )
    assessment = _reverse_one(loaded, "risk_assessment")
    advice = _reverse_one(loaded, "risk_advice")
    return OrganisationPanel(
        template="risk/_review_panel.html",
        context={
            "partnership_request": partnership_request,
            "needs_assessment": partnership_request.needs_review(),
            "assessment": assessment,
            "lines": list(assessment.lines.all()) if assessment else [],
            "advice": advice,
            "advice_as_given": advice_as_given(advice) if advice else None,
            "visibility": compare_visibility(partnership_request, advice) if advice else None,
            "create_url": reverse("risk:assessment_create")
            + f"?partnership_request={partnership_request.pk}",
        },
    )


def assessments_concerning(organisation: Organisation) -> QuerySet[RiskAssessment]:
    # The request's organisation too: an assessment of a request is named after it.
    return RiskAssessment.objects.concerning(organisation).select_related(
        "assessor", "partnership_request__organisation", "partnership", "organisation"
    )


def organisation_risk_panel(organisation: Organisation, user) -> OrganisationPanel:
    """Its assessments and those of its requests and partnerships (one query). The
    newest are chosen first, in a subquery, and only they are joined to what the panel
    names: PostgreSQL misjudges the OR of `concerning` and would join every row."""
    newest = (
        RiskAssessment.objects.concerning(organisation)
        .order_by("-assessed_on", "-pk")
        .values("pk")[: PANEL_ASSESSMENTS_SHOWN + 1]
    )
    assessments = list(register_assessments().filter(pk__in=newest).order_by("-assessed_on", "-pk"))
    return OrganisationPanel(
        template="risk/_organisation_panel.html",
        context={
            "assessments": assessments[:PANEL_ASSESSMENTS_SHOWN],
            "more": len(assessments) > PANEL_ASSESSMENTS_SHOWN,
            "create_url": reverse("risk:assessment_create") + f"?organisation={organisation.pk}",
        },
    )


def _assessment_entry(day, pk: int, values: list, organisation: Organisation) -> TimelineEntry:
    title, activity, request_org, partnership, org_name, acronym = values[:6]
    rating, status, review_on, assessor = values[6:10]
    # RiskAssessment.__str__, from the values read: its title, else what it assesses.
    if not title:
        target = (
            f"{activity} ({request_org})" if activity is not None
            else partnership if partnership is not None
            else f"{org_name} ({acronym})" if acronym else org_name
        )  # fmt: skip
        title = _("Risk assessment of %(target)s") % {"target": target}
    review = datetime.date.fromisoformat(review_on) if review_on else None
    return TimelineEntry(
        when=day_start(day),
        kind="risk",
        title=f"{title}: {rating_label(rating).lower()}",
        detail=choice_label(RiskAssessment, "status", status)
        + (
            ", " + _("review by %(review_on)s") % {"review_on": date_format(review)}
            if review
            else ""
        ),
        url=reverse_id("risk:assessment_detail", pk),
        actor=assessor,
    )


# One entry per assessment concerning the organisation, on the day it was made.
assessment_timeline_entries = TimelineSource(
    rows=lambda organisation: RiskAssessment.objects.concerning(organisation),
    when="assessed_on",
    day=True,
    columns=[
        "title",
        "partnership_request__activity_title",
        "partnership_request__organisation__name",
        "partnership__title",
        "organisation__name",
        "organisation__acronym",
        "rating",
        "status",
        "review_on",
        "assessor__username",
    ],  # fmt: skip
    entry=_assessment_entry,
)


# --- The register's heatmap -----------------------------------------------------------------


@dataclass(frozen=True)
class HeatmapCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rating(self) -> Rating:
        return band(self.score)


def residual_heatmap(lines: QuerySet[RiskLine]) -> list[list[HeatmapCell]]:
    """Counts of lines by residual likelihood × impact: rows from impact 5 down to 1,
    columns likelihood 1 to 5 (one query)."""
    counts = {
        (row["residual_likelihood"], row["residual_impact"]): row["n"]
        for row in lines.order_by()
        .values("residual_likelihood", "residual_impact")
        # COUNT(*), not of the id: the index of the two (risk_line_residual) then
        # answers alone, without reading the table.
        .annotate(n=Count("*"))
    }
    return [
        [
            HeatmapCell(likelihood, impact, counts.get((likelihood, impact), 0))
            for likelihood in range(1, 6)
        ]  # fmt: skip
        for impact in range(5, 0, -1)
    ]


def register_summary(assessments: RiskAssessmentQuerySet, *, today: datetime.date) -> dict:
    return {
        "open_count": assessments.filter(status=AssessmentStatus.DRAFT).count(),
        "due": list(
            _with_lines(assessments.due_for_review(today=today)).order_by("review_on", "pk")[:20]
        ),
    }
