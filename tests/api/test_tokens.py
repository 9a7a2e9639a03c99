from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db
LIST_URL = "/api/organisations/"


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_key_is_shown_once_and_stored_only_as_a_hash(client, staff):
    client.force_login(staff)
    response = client.post(reverse("accounts:token_create"), {"name": "website"})
    key = response.context["new_key"]
    assert key and key in response.content.decode()
    token = ApiToken.objects.get(user=staff)
    assert token.name == "website" and key not in token.key_hash
    assert key not in client.get(reverse("accounts:profile")).content.decode()
    assert _client(key).get(LIST_URL).status_code == 200


def test_profile_lists_keys_with_their_last_use(client, staff):
    token, key = api_token_create(user=staff, name="sync script")
    client.force_login(staff)
    assert "never" in client.get(reverse("accounts:profile")).content.decode()
    _client(key).get(LIST_URL)
    token.refresh_from_db()
    assert token.last_used_at is not None
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "sync script" in page and token.prefix in page and "never" not in page


def test_last_use_is_written_at_most_once_a_minute(staff):
    token, key = api_token_create(user=staff, name="x")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _client(key).get(LIST_URL)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        _client(key).get(LIST_URL)
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        _client(key).get(LIST_URL)
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(minutes=2)


def test_revoked_key_is_refused(client, staff):
    token, key = api_token_create(user=staff, name="old")
    client.force_login(staff)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    response = _client(key).get(LIST_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_user_cannot_revoke_someone_elses_key(client, staff, coordinator):
    token, key = api_token_create(user=coordinator, name="theirs")
    client.force_login(staff)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert _client(key).get(LIST_URL).status_code == 200


def test_key_of_a_deactivated_user_is_refused(staff):
    _token, key = api_token_create(user=staff, name="x")
    staff.is_active = False
    staff.save()
    assert _client(key).get(LIST_URL).status_code == 401


def test_unknown_key_is_refused():
    assert _client("not-a-key").get(LIST_URL).status_code == 401
