"""schemathesis against /api/schema/, as each role, in-process through the WSGI app.

Every generated request must get a documented answer that matches the schema, and
never a 5xx. The summary (calls by role and status) is printed at the end of the
run by tests/api/conftest.py. Examples per operation are bounded so the whole run
stays within about two minutes.
"""

from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
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
# Filled by the test, printed by conftest.pytest_terminal_summary.
SUMMARY: Counter = Counter()

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


@pytest.fixture
def api_schema():
    # In-process: a WSGI request must not close the test's database connection
    # (Django's test client disconnects this signal the same way).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler(), config=_CONFIG)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


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
    for role, key in role_keys.items():
        response = case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
        SUMMARY[(role.value, response.status_code)] += 1
