"""Demo risk assessments: one in each band, one "do not participate as partners" on a
request in review (so the refused approval can be seen), one due for review soon."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from partnerships.models import Organisation, PartnershipRequest
from risk.models import Check, RiskAssessment, RiskLine, RiskType
from risk.services import risk_assessment_save

# (likelihood, impact, residual likelihood, residual impact, mitigation) per risk type.
Lines = dict[str, tuple[int, int, int, int, str]]
QUIET: Lines = {
    risk_type: (2, 2, 1, 2, "Usual event preparation.") for risk_type in RiskType.values
}


@dataclass(frozen=True)
class DemoAssessment:
    title: str
    lines: Lines
    request_title: str = ""
    organisation: str = ""
    complete: bool = True
    review_in_days: int = 365


DEMO_ASSESSMENTS = [
    DemoAssessment("Letter-writing marathon: low risk", QUIET, request_title="Letter-writing marathon at the library"),
    DemoAssessment("Oxfam International: standing partner", {**QUIET, "financial": (3, 3, 2, 3, "Separate budgets; no joint fundraising.")},
                   organisation="Oxfam International", review_in_days=5),
    DemoAssessment("Interfaith vigil: political exposure", {**QUIET, "political": (4, 4, 3, 4, "Invite every faith community and every major party.")},
                   request_title="Interfaith vigil for asylum seekers", complete=False),
    DemoAssessment("Greenpeace: policy differences", {**QUIET, "policy": (5, 4, 5, 4, "Campaign only on the right to protest, not on energy policy.")},
                   organisation="Greenpeace"),
    DemoAssessment("Climate march stall: counter-protest expected", {**QUIET, "physical": (5, 5, 5, 4, "Police were asked; no stewarding is possible on that square."),
                   "reputational": (3, 3, 2, 3, "Our own banner and leaflets only.")}, request_title="Joint stall at the climate march"),
]  # fmt: skip


def _target(demo: DemoAssessment) -> dict:
    if demo.organisation:
        return {"organisation": Organisation.objects.get(name=demo.organisation)}
    return {
        "partnership_request": PartnershipRequest.objects.get(activity_title=demo.request_title)
    }


def _save(*, target: dict, title: str, lines: Lines, assessor: User, complete: bool, review_in_days: int) -> RiskAssessment:  # fmt: skip
    today = timezone.localdate()
    assessment = RiskAssessment(
        **target,
        title=title,
        assessor=assessor,
        assessed_on=today,
        status="complete" if complete else "draft",
        review_on=today + timedelta(days=review_in_days),
        **{f"check_{check}": True for check in Check},
        **{f"check_{check}_note": "Checked with the regional staff." for check in Check},
    )
    return risk_assessment_save(
        user=assessor,
        assessment=assessment,
        lines=[
            RiskLine(
                risk_type=risk_type,
                likelihood=l,
                impact=i,
                residual_likelihood=rl,
                residual_impact=ri,
                mitigation=m,
            )  # noqa: E741
            for risk_type, (l, i, rl, ri, m) in lines.items()  # noqa: E741
        ],
    )


def assess_before_approval(partnership_request: PartnershipRequest, *, assessor: User) -> None:
    """A demo request that is approved needs a complete assessment first (the gate)."""
    if not RiskAssessment.objects.filter(partnership_request=partnership_request).exists():
        _save(target={"partnership_request": partnership_request}, title="", lines=QUIET,
              assessor=assessor, complete=True, review_in_days=365)  # fmt: skip


def seed_risk(users: dict[str, User]) -> int:
    """The demo assessments that are missing; returns how many were added."""
    added = 0
    for demo in DEMO_ASSESSMENTS:
        if RiskAssessment.objects.filter(title=demo.title).exists():
            continue
        _save(target=_target(demo), title=demo.title, lines=demo.lines, assessor=users["staff"],
              complete=demo.complete, review_in_days=demo.review_in_days)  # fmt: skip
        added += 1
    return added
