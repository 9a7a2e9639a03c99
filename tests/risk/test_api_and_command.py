import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role

from .reference_events import ELECTION_FORUM, NAIDOC

URL = "/api/risk/event-advice/"


def test_the_url_is_the_issues():
    assert reverse("api_event_advice") == URL


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SECTION_STAFF, Role.COORDINATOR, Role.LOCAL_GROUP])
def test_staff_and_local_groups_get_the_advice_as_json(client, role_user, role):
    client.force_login(role_user(role))
    response = client.post(URL, NAIDOC, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["recommendation"] == "partner_unbranded"
    assert set(response.json()) == {"recommendation", "visibility", "conditions", "reasons"}


@pytest.mark.django_db
def test_anonymous_callers_are_refused_not_redirected(client):
    response = client.post(URL, NAIDOC, content_type="application/json")
    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_a_user_without_a_role_is_refused(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(URL, NAIDOC, content_type="application/json").status_code == 403


@pytest.mark.django_db
def test_session_auth_needs_the_csrf_token(role_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.post(URL, NAIDOC, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NAIDOC, "budget": 100}, "budget"),
        ({**NAIDOC, "our_role": "sponsor"}, "our_role"),
        ({"organisers": []}, "title"),
        (
            {**ELECTION_FORUM, "speakers": [{"name": "X", "role": "mp", "colour": "red"}]},
            "speakers[0].colour",
        ),  # fmt: skip
    ],
)
def test_invalid_input_is_a_400_naming_the_field(client, role_user, body, field):
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert field in response.json()["detail"]


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_a_400(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400


# --- The command ---------------------------------------------------------------------------


def test_the_command_prints_the_advice_as_json(tmp_path, capsys):
    path = tmp_path / "forum.json"
    path.write_text(json.dumps({**ELECTION_FORUM, "parties_invited": ["Labor"]}))
    call_command("advise_event", str(path))
    printed = json.loads(capsys.readouterr().out)
    assert printed["recommendation"] == "reconsider"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (json.dumps({**NAIDOC, "extra": 1}), "extra: is not a known field."),
        ("{broken", "forum.json"),
        (json.dumps({"title": "x", "risks": {"legal": "big"}}), "risks.legal: must be one of"),
    ],
)
def test_invalid_input_exits_2_with_the_message_on_stderr(tmp_path, capsys, content, message):
    path = tmp_path / "forum.json"
    path.write_text(content)
    with pytest.raises(SystemExit) as exit_:
        call_command("advise_event", str(path))
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_a_missing_file_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("advise_event", str(tmp_path / "missing.json"))
    assert exit_.value.code == 2
    assert "missing.json" in capsys.readouterr().err
