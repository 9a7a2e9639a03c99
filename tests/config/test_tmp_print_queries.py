import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from tests.config.test_query_counts import grow, pages

pytestmark = pytest.mark.django_db


def test_print(client, role_user):
    users = {role: role_user(role) for role in (Role.SECTION_STAFF, Role.COORDINATOR)}
    ids = grow(20, users[Role.SECTION_STAFF])
    import os

    wanted = os.environ.get("PAGES", "organisation_detail,review_page,dashboard").split(",")
    for name, (path, role) in pages(ids).items():
        if name not in wanted:
            continue
        client.force_login(users[role])
        client.get(path)
        with CaptureQueriesContext(connection) as q:
            r = client.get(path)
        print(f"\n===== {name} {r.status_code} {len(q)}")
        for x in q:
            print("  ", x["sql"][:300])
