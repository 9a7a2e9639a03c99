"""Panels on the organisation page and the coordinator's review page."""

from partnerships.models import Organisation
from partnerships.panels import OrganisationPanel

from .selectors import (
    lessons_for_request,
    lessons_matching,
    open_risk_reviews,
    partnerships_visible_to,
)


def organisation_evaluation_panel(organisation: Organisation, user) -> OrganisationPanel | None:
    """The organisation's partnerships (each with its evaluation page) and its lessons.
    Three queries."""
    partnerships = list(
        partnerships_visible_to(user).filter(organisations=organisation).order_by("-starts_on")
    )
    lessons = list(organisation.lessons.select_related("evaluation__activity")[:5])
    if not partnerships and not lessons:
        return None
    return OrganisationPanel(
        template="evaluation/_organisation_panel.html",
        context={"partnerships": partnerships, "lessons": lessons},
    )


def review_lessons_panel(partnership_request, user) -> OrganisationPanel:
    """Lessons from earlier joint activities that bear on this request (at most five),
    and any open risk review of the organisation that an evaluation asked for.
    Three queries."""
    return OrganisationPanel(
        template="evaluation/_review_lessons_panel.html",
        context={
            "lessons": lessons_for_request(partnership_request),
            "risk_reviews": open_risk_reviews(partnership_request.organisation_id),
        },
    )


def lessons_for_draft(*, organisation, form=None) -> list:
    """For the request form: the organisation, and the methods ticked so far."""
    methods: list[str] = []
    joins_coalition = False
    if form is not None and form.is_bound:
        methods = form.data.getlist("methods") if hasattr(form.data, "getlist") else []
        joins_coalition = bool(form.data.get("joins_coalition"))
    elif form is not None and form.instance.pk:
        methods = form.instance.methods or []
        joins_coalition = form.instance.joins_coalition
    return lessons_matching(
        organisation=organisation, methods=methods, joins_coalition=joins_coalition
    )
