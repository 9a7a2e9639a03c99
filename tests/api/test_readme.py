"""The README's curl example, run against the app in order: each command is parsed
(its key, body and address), the example's numbers are mapped to the test's rows,
and every answer must be what the README's comments say."""

import json
import re
import shlex
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tokens import api_token_create
from tests.evaluation.factories import ActivityFactory, PartnershipFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"


def _commands() -> list[list[str]]:
    text = README.read_text()
    section = text[text.index("## API") :]
    block = section[section.index("```sh") + 5 : section.index("```", section.index("```sh") + 5)]
    kept = [
        line for line in block.splitlines()
        if not line.lstrip().startswith("#") and not re.match(r"^[A-Z_]+=", line)
    ]  # fmt: skip
    words = shlex.split("\n".join(kept).replace("\\\n", " "), comments=True)
    commands: list[list[str]] = []
    for word in words:
        if word == "curl":
            commands.append([])
        else:
            commands[-1].append(word)
    return commands


def _parse(words: list[str]) -> tuple[str, str, dict | None]:
    key, body, url = "", None, ""
    for index, word in enumerate(words):
        if word == "-H" and words[index + 1].startswith("Authorization: Token $"):
            key = words[index + 1].removeprefix("Authorization: Token $")
        elif word == "-d":
            body = json.loads(words[index + 1])
        elif "$API" in word:
            url = word.replace("$API", "/api")
    return key, url, body


def test_the_readme_example_runs_as_written(role_user):
    group, coordinator, staff = (role_user(r) for r in (Role.LOCAL_GROUP, Role.COORDINATOR, Role.SECTION_STAFF))  # fmt: skip
    organisation = OrganisationFactory(name="Film House", kind="trade_union")
    activity = ActivityFactory(partnership=PartnershipFactory(local_group=group.local_group), created_by=group)  # fmt: skip
    keys = {
        "GROUP_KEY": api_token_create(user=group, name="readme")[1],
        "COORDINATOR_KEY": api_token_create(user=coordinator, name="readme")[1],
        "STAFF_KEY": api_token_create(user=staff, name="readme")[1],
    }
    numbers = {"organisation": organisation.pk, "lead": coordinator.pk, "activities": activity.pk}
    commands = _commands()
    assert len(commands) >= 10, "the README's example is shorter than this test expects"
    answers = []
    for words in commands:
        key_name, url, body = _parse(words)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {keys[key_name]}")
        # The example's request (number 7) is the one the example made.
        if "request" in numbers:
            url = re.sub(r"/requests/7/", f"/requests/{numbers['request']}/", url)
        url = re.sub(r"/activities/5/", f"/activities/{numbers['activities']}/", url)
        if body is not None:
            body = {
                name: numbers.get("request") if name == "partnership_request" and value == 7
                else numbers.get(name, value) if name in ("organisation", "lead") else value
                for name, value in body.items()
            }  # fmt: skip
            response = client.post(url, body, format="json")
        else:
            response = client.get(url)
        answers.append((url, response.status_code, response.json()))
        if url == "/api/requests/" and body is not None:
            numbers["request"] = response.json()["id"]
    statuses = [(url, status) for url, status, _body in answers]
    approve = next(a for a in answers if a[0].endswith("/approve/"))
    assert approve[1] == 409 and "risk assessment" in approve[2]["detail"], approve
    others = [(url, status) for url, status in statuses if not url.endswith("/approve/")]
    assert all(status in (200, 201) for _url, status in others), [
        (u, s, str(b)[:300]) for u, s, b in answers if s >= 400
    ]
    listed = next(body for url, _s, body in answers if url.startswith("/api/requests/?"))
    assert [row["id"] for row in listed["results"]] == [numbers["request"]]
    risky = next(body for url, _s, body in answers if url.startswith("/api/risk-assessments/?"))
    assert risky["count"] == 1
