"""Demo partnership requests in every state, made through the services so each has its history."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from partnerships.models import Organisation, PartnershipRequest, RequestStatus
from partnerships.models.requests import ChecklistQuestion, CooperationMethod, Purpose, Visibility
from partnerships.services import requests as services

M, P = CooperationMethod, Purpose


@dataclass(frozen=True)
class DemoRequest:
    title: str
    group_user: str
    organisation: str
    methods: tuple[str, ...]
    status: RequestStatus
    starts_in_days: int
    visibility: str = Visibility.CO_BRANDED
    purposes: tuple[str, ...] = (P.NEW_AUDIENCES, P.HUMAN_RIGHTS_OUTCOMES)
    joins_coalition: bool = False
    comment: str = ""
    internal_note: str = ""
    lasts_days: int = 0
    extra: dict = field(default_factory=dict)


S = RequestStatus
DEMO_REQUESTS = [
    DemoRequest("Film night on refugee rights", "localgroup1", "Oxfam International", (M.CAMPAIGNING, M.PUBLICITY), S.DRAFT, 40),
    DemoRequest("Letter-writing marathon at the library", "localgroup1", "International PEN", (M.CAMPAIGNING,), S.SUBMITTED, 30),
    DemoRequest("Joint stall at the climate march", "localgroup2", "Greenpeace", (M.CAMPAIGNING, M.PROMOTION), S.IN_REVIEW, 25),
    DemoRequest("Interfaith vigil for asylum seekers", "localgroup1", "World Council of Churches", (M.CO_SPONSORING,), S.NEEDS_INFORMATION, 20, visibility=Visibility.SILENT,
                comment="Which other faith communities are invited? A vigil with one church risks looking exclusionary."),
    DemoRequest("Panel on the right to food", "localgroup1", "Food First International Action Network", (M.CO_SPONSORING, M.PUBLICITY), S.APPROVED, 15,
                comment="Approved: please invite speakers from every major party or read their statements."),
    DemoRequest("Human rights film festival 2025", "localgroup2", "Human Rights Watch", (M.CO_SPONSORING, M.JOINT_PUBLICATION), S.APPROVED, -200, lasts_days=3),
    DemoRequest("Fundraising dinner with a sponsor", "localgroup2", "Oxfam International", (M.FUNDRAISING,), S.DECLINED, 35,
                comment="We cannot take part in joint fundraising for this dinner: the Section must keep its financial independence. This is not a judgement of Oxfam, and we would welcome a joint awareness event instead.",
                internal_note="Sponsor is a bank under investigation; do not mention it to the group."),
    DemoRequest("Joint statement on a national crisis", "localgroup2", "International Commission of Jurists", (M.CRISIS_STRATEGY, M.LOBBYING), S.ESCALATED, 10,
                comment="A joint strategy on a national crisis is decided by the International Secretariat."),
    DemoRequest("Medical ethics talk", "localgroup2", "Médecins Sans Frontières", (M.TRAINING,), S.WITHDRAWN, 50,
                comment="The speaker is no longer available."),
    DemoRequest("Sharing our reports at their info market", "localgroup1", "Survival International", (M.PROVIDE_INFORMATION,), S.NOTED, 12, visibility=Visibility.BRANDED),
    DemoRequest("Joining the local anti-slavery platform", "localgroup1", "Anti-Slavery International", (M.RECEIVE_INFORMATION,), S.SUBMITTED, 60, joins_coalition=True,
                purposes=(P.LASTING_RELATIONSHIPS, P.POOL_RESOURCES)),
]  # fmt: skip


def seed_requests(users: dict[str, User], *, before_approval: Callable | None = None) -> int:
    """Create the demo requests that are missing; returns how many were added.
    `before_approval(request, assessor=...)` meets other apps' approval gates (risk)."""
    added = 0
    for demo in DEMO_REQUESTS:
        group_user = users[demo.group_user]
        if PartnershipRequest.objects.filter(
            local_group=group_user.local_group, activity_title=demo.title
        ).exists():
            continue
        _create(
            demo,
            group_user,
            coordinator=users["coordinator"],
            lead=users["staff"],
            before_approval=before_approval,
        )
        added += 1
    return added


def _create(
    demo: DemoRequest, group_user: User, *, coordinator: User, lead: User, before_approval=None
) -> None:
    starts_on = timezone.localdate() + timedelta(days=demo.starts_in_days)
    ends_on = starts_on + timedelta(days=demo.lasts_days) if demo.lasts_days else None
    request = services.partnership_request_create(
        user=group_user,
        organisation=Organisation.objects.get(name=demo.organisation),
        details={
            "purposes": list(demo.purposes),
            "methods": list(demo.methods),
            "activity_title": demo.title,
            "activity_description": f"{demo.title}, organised with {demo.organisation}.",
            "activity_starts_on": starts_on,
            "activity_ends_on": ends_on,
            "activity_place": "Amsterdam" if group_user.username == "localgroup1" else "Utrecht",
            "expected_public": "About 60 local residents and students",
            "visibility": demo.visibility,
            "partner_gains": "Our volunteers and a wider audience for their work.",
            "partner_demands": "Two volunteers for one evening; no costs.",
            "joins_coalition": demo.joins_coalition,
        },
        submit=demo.status != S.DRAFT,
    )
    if before_approval is not None and demo.status == S.APPROVED:
        before_approval(request, assessor=lead)
    _advance(request, demo, group_user=group_user, coordinator=coordinator, lead=lead)


def _advance(request, demo: DemoRequest, *, group_user: User, coordinator: User, lead: User):
    kw = {"partnership_request": request, "user": coordinator}
    if demo.status == S.IN_REVIEW:
        services.partnership_request_start_review(**kw)
    elif demo.status == S.NEEDS_INFORMATION:
        services.partnership_request_ask_information(**kw, question=demo.comment)
    elif demo.status == S.APPROVED:
        services.decision_checklist_record(
            **kw,
            answers={
                q: ("yes", "Checked with the regional staff.") for q in ChecklistQuestion.values
            },
        )
        services.partnership_request_approve(
            **kw,
            lead=lead,
            starts_on=request.activity_starts_on,
            ends_on=request.activity_ends_on,
            comment=demo.comment,
        )
    elif demo.status == S.DECLINED:
        services.partnership_request_decline(
            **kw, reason=demo.comment, internal_note=demo.internal_note
        )
    elif demo.status == S.ESCALATED:
        services.partnership_request_escalate(**kw, comment=demo.comment)
    elif demo.status == S.WITHDRAWN:
        services.partnership_request_withdraw(
            partnership_request=request, user=group_user, comment=demo.comment
        )
