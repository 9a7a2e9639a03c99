"""Who may call each API endpoint: one table, every operation of the schema in it.

Rows name an operation and the status each role gets. `group` is the local group
that made the request in the data, `other_group` another group; `coordinator`
holds the at-risk permission (accounts/permissions.py), `staff` does not.
"""

import datetime

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tokens import api_token_create
from tests.api.conftest import REQUEST_DETAILS as _REQUEST_DETAILS
from tests.factories import (
    ApproachFactory,
    CoalitionFactory,
    CoalitionMembershipFactory,
    ContactFactory,
    JointStatementFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    SectorFactory,
    UrgentActionFactory,
    UserFactory,
    assess_risk,
)

ROLES = ["anonymous", "staff", "coordinator", "group", "other_group"]
A, S, C, G, O = ROLES  # noqa: E741 (column labels)


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES[1:], status) | {A: 401}


def _staff_only(ok: int = 200) -> dict[str, int]:
    return {A: 401, S: ok, C: ok, G: 403, O: 403}


_APPROACH = {"organisation": "{organisation}", "approached_on": "2026-11-02", "channel": "meeting",
             "ask": "Co-sign our letter", "outcome": "awaiting",
             "relationship_owner": "{coordinator}"}  # fmt: skip

_ACTIVITY = {"title": "Film night", "kind": "campaigning", "starts_on": "2026-11-01",
             "ends_on": "2026-11-01", "run_by": "local_group", "staff_hours": "2",
             "volunteer_hours": "10", "money_spent": "0"}  # fmt: skip

# (method, path, body, {role: status}); {name} fills from the data fixture.
TABLE = [
    ("GET", "/api/organisations/", None, _all(200)),
    ("POST", "/api/organisations/", {"name": "New Org", "kind": "media", "scope": "local", "relationship_status": "prospect"}, _staff_only(201)),
    ("GET", "/api/organisations/{organisation}/", None, _all(200)),
    ("PUT", "/api/organisations/{organisation}/", {"name": "Renamed Org", "kind": "media", "scope": "local", "relationship_status": "active"}, _staff_only()),
    ("PATCH", "/api/organisations/{organisation}/", {"region": "North"}, _staff_only()),
    ("GET", "/api/organisations/matches/?name=Film", None, _all(200)),
    ("GET", "/api/requests/", None, _all(200)),
    ("POST", "/api/requests/", {**_REQUEST_DETAILS, "organisation": "{organisation}"},
     {A: 401, S: 403, C: 403, G: 201, O: 201}),
    ("GET", "/api/requests/{request}/", None, {A: 401, S: 200, C: 200, G: 200, O: 404}),
    ("PUT", "/api/requests/{draft}/", _REQUEST_DETAILS, {A: 401, S: 403, C: 403, G: 200, O: 404}),
    ("PATCH", "/api/requests/{draft}/", {"activity_place": "Zeist"}, {A: 401, S: 403, C: 403, G: 200, O: 404}),
    ("POST", "/api/requests/{draft}/submit/", {}, {A: 401, S: 403, C: 403, G: 200, O: 404}),
    ("POST", "/api/requests/{needs_information}/answer/", {"answer": "Forty people."},
     {A: 401, S: 403, C: 403, G: 200, O: 404}),
    ("POST", "/api/requests/{request}/withdraw/", {}, {A: 401, S: 403, C: 403, G: 200, O: 404}),
    ("POST", "/api/requests/{request}/start-review/", {}, {A: 401, S: 403, C: 200, G: 403, O: 403}),
    ("POST", "/api/requests/{request}/ask-information/", {"question": "How many?"},
     {A: 401, S: 403, C: 200, G: 403, O: 403}),
    ("POST", "/api/requests/{request}/checklist/", {"q1": "yes"}, {A: 401, S: 403, C: 200, G: 403, O: 403}),
    # The checklist is not answered: a coordinator's approval is refused by the service.
    ("POST", "/api/requests/{request}/approve/", {"starts_on": "2027-03-01", "lead": "{coordinator}"},
     {A: 401, S: 403, C: 409, G: 403, O: 403}),
    ("POST", "/api/requests/{request}/decline/", {"reason": "Not now."}, {A: 401, S: 403, C: 200, G: 403, O: 403}),
    ("POST", "/api/requests/{request}/escalate/", {"comment": "The IS decides."},
     {A: 401, S: 403, C: 200, G: 403, O: 403}),
    ("GET", "/api/partnerships/", None, _staff_only()),
    ("GET", "/api/partnerships/{partnership}/", None, _staff_only()),
    ("GET", "/api/coalitions/", None, _staff_only()),
    ("GET", "/api/coalitions/{coalition}/", None, _staff_only()),
    ("POST", "/api/coalitions/", {"name": "Platform", "purpose": "Exchange.", "scope": "national",
                                  "secretariat_term_months": 12}, _staff_only(201)),
    ("PATCH", "/api/coalitions/{coalition}/", {"purpose": "Exchange and act."}, _staff_only()),
    ("PUT", "/api/coalitions/{coalition}/", {"name": "Platform", "purpose": "Exchange.",
                                             "scope": "national", "secretariat_term_months": 12},
     _staff_only()),
    ("GET", "/api/coalitions/{coalition}/statements/", None, _staff_only()),
    ("POST", "/api/coalitions/{coalition}/statements/", {"title": "On detention", "text": "We call."},
     _staff_only(201)),
    ("GET", "/api/statements/{statement}/", None, _staff_only()),
    ("POST", "/api/statements/{statement}/agree/", {"organisation": "{organisation}", "agreed_on": "2026-11-02"},
     _staff_only()),
    # The one member has not agreed yet: the service's sentence, as a 409.
    ("POST", "/api/statements/{statement}/issue/", None, _staff_only(409)),
    ("GET", "/api/contacts/", None, _staff_only()),
    ("POST", "/api/contacts/", {"last_name": "Okafor", "keywords": ""}, _staff_only(201)),
    ("GET", "/api/contacts/{contact}/", None, _staff_only()),
    ("PUT", "/api/contacts/{contact}/", {"last_name": "Okafor", "keywords": ""}, _staff_only()),
    ("PATCH", "/api/contacts/{contact}/", {"occupation": "lawyer"}, _staff_only()),
    # A person at risk exists only for those with the permission.
    ("GET", "/api/contacts/{at_risk}/", None, {A: 401, S: 404, C: 200, G: 403, O: 403}),
    ("PATCH", "/api/contacts/{at_risk}/", {"occupation": "judge"}, {A: 401, S: 404, C: 200, G: 403, O: 403}),
    ("GET", "/api/approaches/", None, _staff_only()),
    ("GET", "/api/approaches/{approach}/", None, _staff_only()),
    ("POST", "/api/approaches/", _APPROACH, _staff_only(201)),
    ("PUT", "/api/approaches/{approach}/", _APPROACH, _staff_only()),
    ("PATCH", "/api/approaches/{approach}/", {"outcome_notes": "They agreed."}, _staff_only()),
    ("PATCH", "/api/approaches/{at_risk_approach}/", {"outcome_notes": "x"}, {A: 401, S: 404, C: 200, G: 403, O: 403}),
    # No follow-up was planned: the service's sentence, as a 409.
    ("POST", "/api/approaches/{approach}/follow-up-done/", {}, _staff_only(409)),
    ("GET", "/api/approaches/{at_risk_approach}/", None, {A: 401, S: 404, C: 200, G: 403, O: 403}),
    ("GET", "/api/urgent-actions/", None, _staff_only()),
    ("POST", "/api/urgent-actions/",
     {"reference": "UA 9/27", "title": "Detained", "summary": "Held.", "body": "Write.", "urgency": "high"},
     _staff_only(201)),
    ("GET", "/api/urgent-actions/{urgent_action}/", None, _staff_only()),
    ("PUT", "/api/urgent-actions/{urgent_action}/",
     {"reference": "UA 9/27", "title": "Detained", "summary": "Held.", "body": "Write.", "urgency": "high"},
     _staff_only()),
    ("PATCH", "/api/urgent-actions/{urgent_action}/", {"title": "Still detained"}, _staff_only()),
    ("POST", "/api/urgent-actions/{urgent_action}/approve/", None, {A: 401, S: 403, C: 200, G: 403, O: 403}),
    ("POST", "/api/urgent-actions/{approved_ua}/send/", None, _staff_only(201)),
    # A draft cannot be sent: the service's sentence, as a 409.
    ("POST", "/api/urgent-actions/{urgent_action}/send/", None, _staff_only(409)),
    ("GET", "/api/mailings/", None, _staff_only()),
    ("GET", "/api/mailings/{mailing}/", None, _staff_only()),
    ("GET", "/api/deliveries/", None, _staff_only()),
    ("GET", "/api/deliveries/{delivery}/", None, _staff_only()),
    ("GET", "/api/deliveries/{at_risk_delivery}/", None, {A: 401, S: 404, C: 200, G: 403, O: 403}),
    ("GET", "/api/sectors/", None, _staff_only()),
    ("GET", "/api/sectors/{sector}/", None, _staff_only()),
    ("GET", "/api/sectors/priorities/", None, _staff_only()),
    # No assessment yet, and a score missing: the form's message.
    ("POST", "/api/sectors/{sector}/assess/", {"assessed_on": "2026-11-02"}, _staff_only(400)),
    ("POST", "/api/urgent-actions/{urgent_action}/cancel/", None, _staff_only()),
    # The event advisor: staff, coordinators and local groups; an empty body is a 400.
    ("POST", "/api/risk/event-advice/", None, {A: 401, S: 400, C: 400, G: 400, O: 400}),
    # Meetings and the statements' other moves (coalitions are staff pages).
    ("GET", "/api/coalitions/{coalition}/meetings/", None, _staff_only()),
    ("POST", "/api/coalitions/{coalition}/meetings/", {"date": "2026-12-01", "agenda": "Plans"}, _staff_only(201)),
    ("GET", "/api/meetings/", None, _staff_only()),
    ("GET", "/api/meetings/{meeting}/", None, _staff_only()),
    ("PUT", "/api/meetings/{meeting}/", {"date": "2026-12-01", "agenda": "Plans", "minutes": "Agreed."}, _staff_only()),
    ("PATCH", "/api/meetings/{meeting}/", {"minutes": "Agreed."}, _staff_only()),
    ("POST", "/api/statements/{statement}/withdraw-agreement/", {"organisation": "{organisation}"}, _staff_only()),
    # The Section is not a member of the data's coalition: the service's sentence.
    ("POST", "/api/statements/{statement}/section-agreement/", {"agreed": True}, _staff_only(409)),
    # Risk assessments: the register's staff and coordinators only.
    ("GET", "/api/risk-assessments/", None, _staff_only()),
    ("POST", "/api/risk-assessments/", {"organisation": "{organisation}", "assessed_on": "2026-11-02", "status": "draft"}, _staff_only(201)),
    ("GET", "/api/risk-assessments/{risk_assessment}/", None, _staff_only()),
    ("PUT", "/api/risk-assessments/{risk_assessment}/", {"organisation": "{organisation}", "assessed_on": "2026-11-02", "status": "draft"}, _staff_only()),
    ("PATCH", "/api/risk-assessments/{risk_assessment}/", {"title": "Yearly review"}, _staff_only()),
    # Joint activities: a group's own only; the other group has no partnership to record under.
    ("GET", "/api/activities/", None, _all(200)),
    ("POST", "/api/activities/", {**_ACTIVITY, "partnership": "{partnership}"}, {A: 401, S: 201, C: 201, G: 201, O: 403}),
    ("GET", "/api/activities/{activity}/", None, {A: 401, S: 200, C: 200, G: 200, O: 404}),
    ("PUT", "/api/activities/{activity}/", _ACTIVITY, {A: 401, S: 200, C: 200, G: 200, O: 404}),
    ("PATCH", "/api/activities/{activity}/", {"place": "Zeist"}, {A: 401, S: 200, C: 200, G: 200, O: 404}),
    ("POST", "/api/activities/{activity}/evaluate/", {"succeeding": "yes"}, {A: 401, S: 200, C: 200, G: 200, O: 404}),
    ("GET", "/api/evaluations/", None, _all(200)),
    ("GET", "/api/evaluations/{evaluation}/", None, {A: 401, S: 200, C: 200, G: 200, O: 404}),
    ("GET", "/api/lessons/", None, _staff_only()),
    ("GET", "/api/lessons/{lesson}/", None, _staff_only()),
]  # fmt: skip


@pytest.fixture
def data(db, role_user):
    from evaluation.models import Evaluation, Lesson
    from outreach.models import Delivery, Mailing
    from partnerships.models import Meeting, Partnership
    from tests.evaluation.factories import ActivityFactory

    group = role_user(Role.LOCAL_GROUP)
    coordinator = role_user(Role.COORDINATOR)
    users = {
        S: role_user(Role.SECTION_STAFF),
        C: coordinator,
        G: group,
        O: role_user(Role.LOCAL_GROUP),
    }
    organisation = OrganisationFactory(name="Film House")
    mine = {"local_group": group.local_group, "created_by": group}
    request = PartnershipRequestFactory(**mine, organisation=organisation)
    contact, at_risk = ContactFactory(), ContactFactory(is_at_risk=True)
    ContactFactory(
        occupation="lawyer"
    )  # the approved UA's audience: a mailing to nobody is refused
    coalition = CoalitionFactory()
    CoalitionMembershipFactory(coalition=coalition, organisation=organisation)
    statement = JointStatementFactory(coalition=coalition)
    mailing = Mailing.objects.create(
        urgent_action=UrgentActionFactory(approved=True), created_by=coordinator
    )
    partnership = Partnership.objects.create(
        title="Film night", local_group=group.local_group, methods=["campaigning"],
        visibility="co_branded", starts_on=datetime.date(2026, 1, 1), lead=coordinator,
    )  # fmt: skip
    activity = ActivityFactory(partnership=partnership, created_by=group)
    evaluation = Evaluation.objects.create(activity=activity, created_by=group)
    ids = {
        "organisation": organisation.pk,
        "request": request.pk,
        "draft": PartnershipRequestFactory(**mine, status="draft", submitted_at=None).pk,
        "needs_information": PartnershipRequestFactory(**mine, status="needs_information").pk,
        "partnership": partnership.pk,
        "coalition": coalition.pk,
        "statement": statement.pk,
        "contact": contact.pk,
        "at_risk": at_risk.pk,
        "approach": ApproachFactory(contact=contact).pk,
        "at_risk_approach": ApproachFactory(contact=at_risk).pk,
        "urgent_action": UrgentActionFactory(created_by=users[S]).pk,
        "approved_ua": UrgentActionFactory(approved=True).pk,
        "mailing": mailing.pk,
        "delivery": Delivery.objects.create(mailing=mailing, contact=contact).pk,
        "at_risk_delivery": Delivery.objects.create(mailing=mailing, contact=at_risk).pk,
        "sector": SectorFactory().pk,
        "coordinator": coordinator.pk,
        "meeting": Meeting.objects.create(
            coalition=coalition, date=datetime.date(2026, 6, 1), agenda="Plans"
        ).pk,
        "risk_assessment": assess_risk(OrganisationFactory(), complete=False).pk,
        "activity": activity.pk,
        "evaluation": evaluation.pk,
        "lesson": Lesson.objects.create(
            evaluation=evaluation, text="Start earlier.", created_by=group
        ).pk,
    }
    return users, ids


def _fill(value, ids: dict):
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
            return ids[value[1:-1]]
        return value.format(**ids) if "{" in value else value
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    TABLE,
    ids=[f"{method} {path}" for method, path, _, _ in TABLE],
)
def test_role_gets_the_status_of_the_table(data, role, method, path, body, expected):
    users, ids = data
    client = APIClient()
    if role != A:
        _token, key = api_token_create(user=users[role], name="table")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.generic(
        method, _fill(path, ids), data="" if body is None else _json(_fill(body, ids)),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == expected[role], response.content[:500]
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json")


def _json(body) -> str:
    import json

    return json.dumps(body)


def test_every_operation_of_the_schema_is_in_the_table():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    documented = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if path.startswith("/api/") and path not in ("/api/schema/",)
    }
    covered = set()
    for method, path, _body, _expected in TABLE:
        template = path.split("?")[0]
        for name in ("organisation", "request", "draft", "needs_information", "partnership",
                     "coalition", "statement", "contact", "at_risk", "approach", "at_risk_approach",
                     "urgent_action", "approved_ua", "mailing", "delivery", "at_risk_delivery",
                     "sector", "meeting", "risk_assessment", "activity", "evaluation",
                     "lesson"):  # fmt: skip
            template = template.replace("{" + name + "}", "{id}")
        covered.add((method, template))
    assert documented - covered == set()


def test_a_user_without_a_role_is_refused_everywhere_but_sees_no_data(db):
    client = APIClient()
    client.force_authenticate(UserFactory())
    assert client.get("/api/organisations/").status_code == 403
    assert client.get("/api/requests/").status_code == 403
