import pytest
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    # The rates are read from settings when DRF loads; tests lower them in place.
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/minute", "user": "3/minute"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)


def test_authenticated_client_over_its_rate_gets_429_with_retry_after(
    low_rates, api_client_for, staff
):
    client = api_client_for(staff)
    statuses = [client.get("/api/sectors/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/sectors/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_anonymous_clients_have_their_own_lower_rate(low_rates):
    # The schema counts anonymous requests before it asks for a login.
    client = APIClient()
    statuses = [client.get("/api/schema/").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    assert 0 < int(client.get("/api/schema/")["Retry-After"]) <= 60
    assert client.get("/api/docs/").status_code == 429


def test_guessing_keys_is_throttled_by_address(settings, api_client_for, staff):
    settings.API_TOKEN_FAILURES_PER_MINUTE = 3
    guesser = APIClient()
    guesser.credentials(HTTP_AUTHORIZATION="Token guess")
    statuses = [guesser.get("/api/sectors/").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert int(guesser.get("/api/sectors/")["Retry-After"]) == 60
    # Counted per address: a valid key from elsewhere is unaffected.
    elsewhere = api_client_for(staff)
    assert elsewhere.get("/api/sectors/", REMOTE_ADDR="10.0.0.9").status_code == 200
