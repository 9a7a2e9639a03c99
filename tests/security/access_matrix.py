"""The machinery of the access matrix (tests/security/test_access_matrix.py holds the table).

Every named URL pattern of the URL configuration is requested by six roles, against a
small world with objects owned by both local groups. A response is reduced to one code:

    200  a page (any 2xx)          L    a redirect to a login page
    302  any other redirect        401, 403, 404, 405, 400, ...  those statuses
"""

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

ROLES = ("anonymous", "group1", "group2", "staff", "coordinator", "superuser")
DENIED = {"L", "401", "403", "404"}
# Tables a refused request may still write: the session, login throttling.
IGNORED_TABLES = ("django_session", "axes_")


def named_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(qualified name, route, converter names) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_patterns(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), list(pattern.pattern.converters)


def kwarg_names(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) or re.findall(r"\(\?P<(\w+)>", route)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)


def build_world(role_user, media_root) -> World:  # noqa: PLR0915 (one small world, in order)
    from accounts.roles import Role
    from dashboard.models import CalendarFeed, ReminderDigest
    from outreach.models import (
        ActionReport,
        Delivery,
        Mailing,
        NetworkMailing,
        Sector,
        SpectrumMove,
        SpectrumPlacement,
        StructureMember,
    )
    from partnerships.models import Meeting, Partnership, StatementAgreement
    from tests.factories import (
        ApproachFactory,
        CampaignFactory,
        CoalitionMembershipFactory,
        ContactFactory,
        EmploymentFactory,
        JointStatementFactory,
        LocalGroupFactory,
        OrganisationFactory,
        OutreachStructureFactory,
        PartnershipRequestFactory,
        PublicationFactory,
        SectorAssessmentFactory,
        SectorFactory,
        SupportRequestFactory,
        UrgentActionFactory,
        UserFactory,
    )

    world = World()
    users = world.users
    users["group1"] = role_user(Role.LOCAL_GROUP, local_group=LocalGroupFactory(name="Group one"))
    users["group2"] = role_user(Role.LOCAL_GROUP, local_group=LocalGroupFactory(name="Group two"))
    users["staff"] = role_user(Role.SECTION_STAFF)
    users["coordinator"] = role_user(Role.COORDINATOR)
    users["superuser"] = UserFactory(is_staff=True, is_superuser=True)
    o = world.objects
    o["organisation"] = OrganisationFactory()
    membership = CoalitionMembershipFactory(organisation=o["organisation"])
    o["coalition"] = membership.coalition
    o["meeting"] = Meeting.objects.create(
        coalition=o["coalition"], date=datetime.date(2026, 6, 1), agenda="Plans"
    )
    o["statement"] = JointStatementFactory(coalition=o["coalition"])
    o["agreement"] = StatementAgreement.objects.create(
        statement=JointStatementFactory(coalition=o["coalition"]),
        organisation=o["organisation"],
        agreed_on=datetime.date(2026, 1, 1),
        recorded_by=users["staff"],
    )
    o["support"] = SupportRequestFactory(organisation=o["organisation"])
    # One request per group: group 1's is the one requested, so group 2 meets another's.
    o["request"] = PartnershipRequestFactory(
        local_group=users["group1"].local_group, organisation=o["organisation"]
    )
    o["request2"] = PartnershipRequestFactory(
        local_group=users["group2"].local_group, organisation=o["organisation"]
    )
    o["partnership"] = Partnership.objects.create(
        title="Joint campaign", local_group=users["group1"].local_group,
        visibility="co_branded", starts_on=datetime.date(2026, 1, 1), lead=users["coordinator"],
    )  # fmt: skip
    # The data migration's sectors, unless a transactional test flushed them.
    o["sector"] = Sector.objects.order_by("pk").first() or SectorFactory()
    o["sectorassessment"] = SectorAssessmentFactory(sector=o["sector"])
    o["contact"] = ContactFactory(occupation="lawyer")
    o["employment"] = EmploymentFactory(contact=o["contact"], organisation=o["organisation"])
    o["approach"] = ApproachFactory(
        contact=o["contact"], follow_up_on=timezone.localdate(), follow_up_owner=users["staff"]
    )
    o["structure"] = OutreachStructureFactory(kind="network", sector=o["sector"])
    o["member"] = StructureMember.objects.create(structure=o["structure"], contact=o["contact"])
    o["network_mailing"] = NetworkMailing.objects.create(
        structure=o["structure"], title="Newsletter", sent_on=datetime.date(2026, 2, 1)
    )
    o["report"] = ActionReport.objects.create(
        mailing=o["network_mailing"],
        member=o["member"],
        reported_on=datetime.date(2026, 2, 2),
        action="Wrote",
    )
    o["publication"] = PublicationFactory()
    o["publication"].file.save("report.pdf", ContentFile(b"%PDF-1.7 x"))
    o["campaign"] = CampaignFactory()
    o["placement"] = SpectrumPlacement.objects.create(
        campaign=o["campaign"], organisation=o["organisation"], position=0,
        placed_on=datetime.date(2026, 1, 1),
    )  # fmt: skip
    o["move"] = SpectrumMove.objects.create(
        campaign=o["campaign"], organisation=o["organisation"], from_position=None,
        position=0, moved_on=datetime.date(2026, 1, 1), reason="First placed",
    )  # fmt: skip
    o["ua"] = UrgentActionFactory(created_by=users["staff"])
    o["mailing"] = Mailing.objects.create(
        urgent_action=UrgentActionFactory(approved=True), kind="issued",
        created_by=users["staff"], recipient_count=1,
    )  # fmt: skip
    o["delivery"] = Delivery.objects.create(mailing=o["mailing"], contact=o["contact"])
    o["feed"] = CalendarFeed.objects.create(user=users["staff"])
    o["reminderdigest"] = ReminderDigest.objects.create(
        user=users["staff"], date=datetime.date(2026, 5, 12), item_count=1
    )
    o["user"], o["localgroup"] = users["staff"], users["group1"].local_group
    _build_risk_and_evaluation(world)
    # The admin's URL names spell the model: the same objects under those names.
    o.update(
        outreachstructure=o["structure"], networkmailing=o["network_mailing"],
        actionreport=o["report"], spectrummove=o["move"], spectrumplacement=o["placement"],
        urgentaction=o["ua"], jointstatement=o["statement"], supportrequest=o["support"],
        partnershiprequest=o["request"], structuremember=o["member"],
    )  # fmt: skip
    for name, user in users.items():
        world.clients[name] = Client()
        world.clients[name].force_login(user)
    world.clients["anonymous"] = Client()
    return world


def _build_risk_and_evaluation(world: World) -> None:
    """Group 1's activity (under its partnership), target, evaluation, lesson, partner
    link and answer, next step; a risk assessment and advice of group 1's request; an
    API token of the staff user."""
    import uuid

    from accounts.tokens import api_token_create
    from evaluation.models import Evaluation, Lesson, NextStep, PartnerAnswer, PartnerLink
    from risk.models import RequestAdvice
    from tests.evaluation.factories import ActivityFactory, TargetFactory
    from tests.factories import assess_risk

    users, o = world.users, world.objects
    o["partnership"].organisations.add(o["organisation"])
    o["activity"] = ActivityFactory(partnership=o["partnership"], created_by=users["group1"])
    o["target"] = TargetFactory(activity=o["activity"])
    o["evaluation"] = Evaluation.objects.create(activity=o["activity"], created_by=users["group1"])
    o["lesson"] = Lesson.objects.create(
        evaluation=o["evaluation"], text="Start earlier.", organisation=o["organisation"],
        created_by=users["group1"],
    )  # fmt: skip
    o["partnerlink"] = PartnerLink.objects.create(
        activity=o["activity"], email="partner@example.net", created_by=users["group1"]
    )
    o["partneranswer"] = PartnerAnswer.objects.create(
        link=PartnerLink.objects.create(
            activity=o["activity"], email="used@example.net", created_by=users["group1"]
        ),
        activity=o["activity"], beneficial_to_both="yes", negative_effects="no", work_again="yes",
    )  # fmt: skip
    o["nextstep"] = NextStep.objects.create(
        activity=o["activity"], kind="adjust", due_on=o["activity"].ends_on
    )
    o["riskassessment"] = assess_risk(o["request"], assessor=users["staff"])
    o["requestadvice"] = RequestAdvice.objects.create(
        partnership_request=o["request"], token=str(uuid.uuid4()), asked_by=users["group1"],
        event={"title": "Vigil"}, advice={"recommendation": "partner", "visibility": "branded",
        "conditions": [], "reasons": []}, recommendation="partner", visibility="branded",
    )  # fmt: skip
    o["apitoken"], _key = api_token_create(user=users["staff"], name="matrix")
    o["jointactivity"] = o["activity"]  # the admin's URL names spell the model


# Which world object a URL's `pk` (or an admin `object_id`) means, by URL name prefix.
PK_OBJECT = [
    ("outreach:structure_", "structure"),
    ("outreach:publication_", "publication"),
    ("outreach:campaign_", "campaign"),
    ("outreach:spectrum_", "campaign"),
    ("outreach:contact_", "contact"),
    ("outreach:employment_", "contact"),
    ("outreach:network_mailing", "structure"),
    ("outreach:action_report", "structure"),
    ("outreach:approach_", "approach"),
    ("outreach:ua_", "ua"),
    ("outreach:mailing_", "mailing"),
    ("partnerships:request_", "request"),
    ("partnerships:organisation_", "organisation"),
    ("partnerships:coalition_", "coalition"),
    ("partnerships:meeting_", "meeting"),
    ("partnerships:statement_", "statement"),
    ("partnerships:support_", "support"),
    ("admin:partnerships_partnershiprequest_", "request"),
    ("evaluation:partnership", "partnership"),
    ("evaluation:next_step", "nextstep"),
    ("evaluation:", "activity"),
    ("risk:assessment_", "riskassessment"),
    ("accounts:token_", "apitoken"),
    ("api_organisations-", "organisation"),
    ("api_requests-", "request"),
    ("api_partnerships-", "partnership"),
    ("api_coalitions-", "coalition"),
    ("api_statements-", "statement"),
    ("api_contacts-", "contact"),
    ("api_approaches-", "approach"),
    ("api_urgent_actions-", "ua"),
    ("api_mailings-", "mailing"),
    ("api_deliveries-", "delivery"),
    ("api_sectors-", "sector"),
    ("api_meetings-", "meeting"),
    ("api_risk_assessments-", "riskassessment"),
    ("api_activities-", "activity"),
    ("api_evaluations-", "evaluation"),
    ("api_lessons-", "lesson"),
]
ADMIN_MODEL = re.compile(r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<view>\w+)$")


def url_kwargs(world: World, name: str, route: str) -> dict:
    o = world.objects
    values = {
        "slug": o["sector"].slug,
        "organisation_pk": o["organisation"].pk,
        "member_pk": o["member"].pk,
        "mailing_pk": o["network_mailing"].pk,
        "employment_pk": o["employment"].pk,
        "coalition_pk": o["coalition"].pk,
        "app_label": "outreach",
        "decision": "approve",
        "uidb64": "MQ",
        "activity_pk": o["activity"].pk,
        "name": "partnerships",  # dashboard:chart_json
        "format": "json",  # the API router's format-suffix routes
        "content_type_id": ContentType.objects.get_for_model(o["contact"]).pk,
    }
    if name == "dashboard:calendar_feed":
        values["token"] = o["feed"].token
    elif name in ("outreach:preferences", "outreach:unsubscribe"):
        from outreach.services.mailing_messages import contact_token

        values["token"] = contact_token(o["contact"].pk)
    elif name == "evaluation:partner_answer":
        from evaluation.services.partner import partner_link_token

        values["token"] = partner_link_token(o["partnerlink"])
    else:
        values["token"] = "set-password"
    pk_object = next((key for prefix, key in PK_OBJECT if name.startswith(prefix)), None)
    if pk_object:
        values["pk"] = o[pk_object].pk
    match = ADMIN_MODEL.match(name)
    if name in ("admin:view_on_site", "admin_view_on_site"):
        values["object_id"] = o["contact"].pk
    elif match and match["model"] in o:
        values["object_id"] = o[match["model"]].pk
    elif pk_object:
        values["object_id"] = o[pk_object].pk
    else:
        values["object_id"] = 999999  # a row that does not exist (third-party models)
    values["id"] = values["object_id"]  # the user admin's password page
    return {key: values[key] for key in kwarg_names(route)}


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        return "L" if "/login/" in location else "302"
    if 200 <= response.status_code < 300:
        return "200"
    return str(response.status_code)


class WriteWatch:
    """Catches every INSERT, UPDATE or DELETE a request runs (outside IGNORED_TABLES)."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith(("INSERT", "UPDATE", "DELETE")) and not any(
            table.upper() in statement[:80] for table in IGNORED_TABLES
        ):
            self.writes.append(sql[:120])
        return execute(sql, params, many, context)


def row_counts() -> dict[str, int]:
    """Every table's row count, in one query."""
    from django.apps import apps

    tables = sorted({m._meta.db_table for m in apps.get_models()})
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {connection.ops.quote_name(t)}" for t in tables)  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(union)
        return {
            table: count
            for table, count in cursor.fetchall()
            if not table.startswith(IGNORED_TABLES)
        }


def reverse_for(world: World, name: str, route: str) -> str:
    return reverse(name, kwargs=url_kwargs(world, name, route))


def request(world: World, role: str, method: str, url: str, watch: WriteWatch | None = None):
    """One request, rolled back afterwards: no request changes the world the next one sees."""
    client = world.clients[role]
    send = client.post if method == "POST" else client.get
    with transaction.atomic():
        if watch is None:
            response = send(url)
        else:
            with connection.execute_wrapper(watch):
                response = send(url, {"confirm": "yes", "action": "delete"})
        transaction.set_rollback(True)
    return response
