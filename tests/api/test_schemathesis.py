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
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnershipRequestFactory,
    UrgentActionFactory,
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
    OrganisationFactory(name="Film House")
    ContactFactory()
    ContactFactory(is_at_risk=True)
    UrgentActionFactory()
    return keys


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
    for role, key in role_keys.items():
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
