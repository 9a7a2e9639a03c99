"""schemathesis against /api/schema/, as each role, in-process through the WSGI app.

Every generated request must get a documented answer that matches the schema, and
never a 5xx: first each operation alone, then the stateful phase, which follows the
schema's links (accounts/api/schema.py: create a request, show it, submit it,
withdraw it...) as each role. The summary (operations, calls by role and status) is
printed at the end of the run by tests/api/conftest.py. Examples are bounded so the
whole run stays within a few minutes.
"""

from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.roles import Role
from accounts.tokens import api_token_create
from tests.api.conftest import REQUEST_DETAILS
from tests.evaluation.factories import ActivityFactory, PartnershipFactory
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    UrgentActionFactory,
    assess_risk,
)

pytestmark = pytest.mark.django_db
MAX_EXAMPLES = 4
ROLES = [Role.SECTION_STAFF, Role.COORDINATOR, Role.LOCAL_GROUP]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
STATEFUL_EXAMPLES = 12
STATEFUL_STEPS = 6
# Filled by the tests, printed by conftest.pytest_terminal_summary.
SUMMARY: Counter = Counter()
OPERATIONS: set[str] = set()

_CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {
            "coverage": {"enabled": False},
            "stateful": {"enabled": False},
            "examples": {"enabled": False},
        },
        "generation": {"max-examples": MAX_EXAMPLES},
    }
)


_STATEFUL_CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {
            "coverage": {"enabled": False},
            "examples": {"enabled": False},
            # The schema's own links only: no guessed ones.
            "stateful": {"enabled": True, "inference": {"algorithms": []}},
        },
        "generation": {"max-examples": STATEFUL_EXAMPLES},
    }
)


@contextmanager
def _in_process():
    # In-process: a WSGI request must not close the test's database connection
    # (Django's test client disconnects this signal the same way).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def _load(key: str, config: SchemathesisConfig):
    # The schema needs a login, like the rest of the API.
    return schemathesis.openapi.from_wsgi(
        "/api/schema/", WSGIHandler(), config=config, headers={"Authorization": f"Token {key}"}
    )


@pytest.fixture
def api_schema(role_keys):
    with _in_process():
        yield _load(role_keys[Role.SECTION_STAFF], _CONFIG)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def role_keys(db, role_user, settings):
    # Token authentication only, but axes must never count fuzzed requests.
    settings.AXES_ENABLED = False
    keys = {}
    for role in ROLES:
        user = role_user(role)
        keys[role] = api_token_create(user=user, name="schemathesis")[1]
        if role == Role.LOCAL_GROUP:
            PartnershipRequestFactory(local_group=user.local_group, created_by=user)
            partnership = PartnershipFactory(local_group=user.local_group)
            keys["partnership"] = partnership.pk
            ActivityFactory(partnership=partnership, created_by=user)
    keys["organisation"] = OrganisationFactory(name="Film House").pk
    # Rows of every kind the lists show, an unrated draft assessment among them.
    assess_risk(OrganisationFactory(), complete=False, residual=(1, 1))
    assess_risk(OrganisationFactory(), blocking="legal")
    ContactFactory()
    ContactFactory(is_at_risk=True)
    UrgentActionFactory()
    return keys


def _roles(role_keys: dict) -> list:
    return [(role, key) for role, key in role_keys.items() if isinstance(role, Role)]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema_for_every_role(case, role_keys):
    OPERATIONS.add(f"{case.method} {case.path}")
    for role, key in _roles(role_keys):
        response = case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
        SUMMARY[(role.value, response.status_code)] += 1


@pytest.mark.parametrize("role", ROLES, ids=[role.value for role in ROLES])
def test_stateful_links_hold_for_every_role(role_keys, role):
    """Sequences along the schema's links (a created object shown, changed, moved on),
    as one role: every step answered as documented, never a 5xx."""
    key = role_keys[role]
    label = f"stateful {role.value}"
    with _in_process():
        machine = _load(key, _STATEFUL_CONFIG).as_state_machine()

        class AsRole(machine):  # type: ignore[misc, valid-type]
            def get_call_kwargs(self, case):
                return {"headers": {"Authorization": f"Token {key}"}}

            def validate_response(self, response, case, additional_checks=None, **kwargs):
                SUMMARY[(label, response.status_code)] += 1
                case.validate_response(response, checks=CHECKS)

        run_state_machine_as_test(
            AsRole,
            settings=settings(
                max_examples=STATEFUL_EXAMPLES,
                stateful_step_count=STATEFUL_STEPS,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    assert any(label == name for name, _status in SUMMARY), "the state machine made no call"


# Valid first writes, to walk the schema's links from (operation: role, path, body).
_SEEDS = {
    "requests_create": (Role.LOCAL_GROUP, "/api/requests/", {**REQUEST_DETAILS, "organisation": "{organisation}"}),
    "activities_create": (Role.LOCAL_GROUP, "/api/activities/", {
        "partnership": "{partnership}", "title": "Film night", "kind": "campaigning",
        "starts_on": "2026-11-01", "ends_on": "2026-11-01", "run_by": "local_group",
        "staff_hours": "1", "volunteer_hours": "2", "money_spent": "0"}),
    "risk_assessments_create": (Role.SECTION_STAFF, "/api/risk-assessments/", {
        "organisation": "{organisation}", "assessed_on": "2026-11-02", "status": "draft"}),
    "coalitions_create": (Role.SECTION_STAFF, "/api/coalitions/", {
        "name": "Platform", "purpose": "Exchange.", "scope": "national",
        "secretariat_term_months": 12}),
    "urgent_actions_create": (Role.SECTION_STAFF, "/api/urgent-actions/", {
        "reference": "UA 9/27", "title": "Detained", "summary": "Held.", "body": "Write.",
        "urgency": "high"}),
}  # fmt: skip
# What a link's target is sent (an empty object where the form needs nothing).
_LINK_BODIES = {
    "coalitions_meetings_create": {"date": "2026-12-01", "agenda": "Plans"},
    "coalitions_statements_create": {"title": "On detention", "text": "We call for release."},
    "statements_agree_create": {"organisation": "{organisation}", "agreed_on": "2026-11-02"},
    "statements_section_agreement_create": {"agreed": True},
}


def _filled(body: dict, role_keys: dict) -> dict:
    return {k: role_keys[v[1:-1]] if isinstance(v, str) and v[1:-1] in role_keys else v
            for k, v in body.items()}  # fmt: skip


@pytest.mark.parametrize("source", list(_SEEDS))
def test_the_schemas_links_lead_somewhere_real(role_keys, source):
    """From a valid first write, follow every link of the schema (and the links of
    their answers), as the role that made it: each target exists for that object
    (never a 404 or 405), is answered as documented, never with a 5xx."""
    role, path, body = _SEEDS[source]
    key = role_keys[role]
    headers = {"Authorization": f"Token {key}"}
    label = f"links {role.value}"
    with _in_process():
        loaded = _load(key, _CONFIG)
        by_id = {
            operation["operationId"]: (route, method.upper())
            for route, methods in loaded.raw_schema["paths"].items()
            for method, operation in methods.items()
        }
        first = loaded[path]["POST"].Case(
            body=_filled(body, role_keys), media_type="application/json"
        )
        response = first.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code == 201, response.text
        queue, followed = [(source, response)], set()
        while queue:
            operation_id, answer = queue.pop(0)
            route, method = by_id[operation_id]
            spec = loaded.raw_schema["paths"][route][method.lower()]
            links = spec["responses"].get(str(answer.status_code), {}).get("links", {})
            for link in links.values():
                target = link["operationId"]
                if target in followed:
                    continue
                followed.add(target)
                target_route, target_method = by_id[target]
                case = loaded[target_route][target_method].Case(
                    path_parameters={"id": answer.json()["id"]},
                    **({"body": _filled(_LINK_BODIES.get(target, {}), role_keys),
                        "media_type": "application/json"}
                       if target_method in ("POST", "PATCH", "PUT") else {}),
                )  # fmt: skip
                result = case.call_and_validate(headers=headers, checks=CHECKS)
                SUMMARY[(label, result.status_code)] += 1
                assert result.status_code not in (404, 405), (target, result.text)
                if result.status_code < 300:
                    queue.append((target, result))
    assert followed, f"{source} has no links"
