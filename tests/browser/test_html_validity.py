"""The main pages' HTML passes the Nu HTML Checker (vnu-jar, run with Java) with no errors.

`make test` installs the checker first (bin/ensure-vnu); without it this test fails,
it never skips."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from outreach.models import Contact
from outreach.services.mailing_messages import contact_token
from partnerships.models import Organisation, PartnershipRequest

pytestmark = pytest.mark.browser

VNU = Path(settings.BASE_DIR) / "var/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def _pages() -> dict[str, list[str]]:
    organisation = Organisation.objects.order_by("pk").first()
    request = PartnershipRequest.objects.exclude(status="draft").order_by("pk").first()
    contact = Contact.objects.filter(is_at_risk=False).order_by("pk").first()
    return {
        "staff": [
            "/",
            "/organisations/",
            organisation.get_absolute_url(),
            "/organisations/new/",
            "/coalitions/",
            "/support/",
            "/reminders/",
            reverse("outreach:priorities"),
            reverse("outreach:ua_list"),
        ],
        "": [reverse("login"), reverse("outreach:preferences", args=[contact_token(contact.pk)])],
        "localgroup1": ["/requests/mine/", "/requests/new/", "/requests/new/details/"],
        "coordinator": [
            "/admin/partnerships/partnershiprequest/queue/",
            f"/admin/partnerships/partnershiprequest/{request.pk}/change/",
        ],
    }


def _validate(paths: list[Path]) -> list[dict]:
    if not VNU.exists():
        pytest.fail(f"The Nu HTML Checker is missing at {VNU}: run bin/ensure-vnu (make test does)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_the_main_pages_are_valid_html(demo_data, tmp_path):
    files = []
    for username, urls in _pages().items():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            path = tmp_path / f"{username or 'anonymous'}{url.replace('/', '_')[:80]}.html"
            path.write_bytes(response.content)
            files.append(path)
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in _validate(files)
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
