"""Demo joint activities, targets, evaluations (one with the partner's answer) and lessons.

Idempotent: each activity is found by its title; evaluations and lessons go
through the services, so next steps and tags come out as in real use. Sends no
mail: the partner's link is recorded as already answered."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from evaluation.models import JointActivity, PartnerAnswer, PartnerLink, Target
from evaluation.services.evaluations import evaluation_save
from evaluation.services.lessons import lesson_record
from partnerships.models import Coalition, Partnership

DUTCH_PLATFORM = "Broad human rights platform"  # as seed_dutch_platform names it


@dataclass(frozen=True)
class DemoActivity:
    title: str
    under: str  # a partnership's title, or the platform
    kind: str
    ended_days_ago: int
    run_by: str
    targets: tuple[tuple[str, str, int, int, int | None], ...]
    answer: str = ""  # "" leaves it unevaluated
    rating: int = 0
    recommendation: str = ""
    lesson: str = ""
    notes: dict = field(default_factory=dict)
    partner_answer: bool = False
    more_lessons: tuple[str, ...] = ()


DEMO_ACTIVITIES = [
    DemoActivity("Festival opening night", "Human rights film festival 2025", "co_sponsoring", 197, "both",
                 (("Visitors", "people", 0, 300, 340), ("New members signed up", "members", 0, 20, 12), ("Press articles", "articles", 0, 5, 5)),
                 answer="yes", rating=4, recommendation="continue",
                 lesson="Agree co-branding and the use of our logo in writing before the programme goes to print.",
                 notes={"opportunities_used": "Membership desk was staffed only on the first evening."},
                 partner_answer=True),
    DemoActivity("School screenings", "Human rights film festival 2025", "co_sponsoring", 195, "local_group",
                 (("Pupils reached", "pupils", 0, 400, 150),),
                 answer="partly", rating=3, recommendation="adjust",
                 lesson="School screenings need the teachers on board a term ahead; ask the schools' union early."),
    DemoActivity("Planning meeting for the right-to-food panel", "Panel on the right to food", "co_sponsoring", 35, "local_group",
                 (("Parties confirmed to speak", "parties", 0, 4, 2),)),
    DemoActivity("Launch of the joint statement on asylum", DUTCH_PLATFORM, "lobbying", 60, "section_staff",
                 (("Members who signed", "members", 0, 14, 14), ("Parliamentary questions", "questions", 0, 2, 1)),
                 answer="yes", rating=5, recommendation="continue",
                 lesson="A joint statement takes a full meeting cycle: plan the launch around the platform's six meetings a year.",
                 more_lessons=(
                     # Seed 003, "Building strong partnerships and coalitions".
                     "Clarify the coalition's goals, values and the limits of its action at the outset, under the mandates the members agreed.",
                     "Regular meeting times and open information sharing keep every member aware of the plans; decide who leads each activity by who is best suited.",
                 )),
]  # fmt: skip


def seed_evaluation(users: dict) -> int:
    """Create the demo activities that are missing; returns how many were added."""
    added = 0
    for demo in DEMO_ACTIVITIES:
        if JointActivity.objects.filter(title=demo.title).exists():
            continue
        activity = _activity(demo, users)
        if activity is None:
            continue
        added += 1
        if demo.answer:
            _evaluate(activity, demo, users)
    return added


def _activity(demo: DemoActivity, users: dict) -> JointActivity | None:
    partnership = Partnership.objects.filter(title=demo.under).first()
    coalition = None if partnership else Coalition.objects.filter(name=demo.under).first()
    if partnership is None and coalition is None:
        return None
    ends = timezone.localdate() - datetime.timedelta(days=demo.ended_days_ago)
    group_user = next(
        (
            u
            for u in users.values()
            if partnership and u.local_group_id == partnership.local_group_id
        ),
        users["staff"],
    )
    activity = JointActivity.objects.create(
        partnership=partnership, coalition=coalition, title=demo.title, kind=demo.kind,
        starts_on=ends, ends_on=ends, place="Utrecht", run_by=demo.run_by,
        staff_hours=Decimal(6), volunteer_hours=Decimal(24), money_spent=Decimal("350.00"),
        in_kind="Hall and projector lent by the partner", public_reached=demo.targets[0][4],
        created_by=group_user,
    )  # fmt: skip
    for indicator, unit, baseline, target, actual in demo.targets:
        Target.objects.create(
            activity=activity, indicator=indicator, unit=unit, baseline=baseline,
            target=target, actual=actual,
        )  # fmt: skip
    return activity


def _evaluate(activity: JointActivity, demo: DemoActivity, users: dict) -> None:
    from evaluation.models import QUESTIONS

    user = activity.created_by
    answers: dict[str, str | int] = {name: demo.answer for name, _ in QUESTIONS}
    answers.update(negative_effects="no", overall_rating=demo.rating)
    answers.update(recommendation=demo.recommendation)
    answers.update({f"{name}_note": note for name, note in demo.notes.items()})
    answers["lessons_learned_note"] = demo.lesson
    evaluation = evaluation_save(activity=activity, user=user, answers=answers, complete=True)
    for text in (demo.lesson, *demo.more_lessons):
        lesson_record(evaluation=evaluation, user=user, text=text)
    if demo.partner_answer:
        organisation = activity.organisations.first()
        link = PartnerLink.objects.create(
            activity=activity, email=organisation.email or "partner@example.org",
            created_by=user, sent_at=timezone.now(), used_at=timezone.now(),
        )  # fmt: skip
        PartnerAnswer.objects.create(
            link=link, activity=activity, beneficial_to_both="yes", negative_effects="no",
            what_to_change="Share the press list with us earlier, so both logos appear in the coverage.",
            work_again="yes",
        )  # fmt: skip
