"""An id in a list filter is a whole number in a primary key's range, else a 400 naming
the parameter: never a 500 (SQLite cannot compare a bigger number with a column)."""

import pytest

FILTERS = [
    ("/api/requests/", "organisation"),
    ("/api/partnerships/", "organisation"),
    ("/api/meetings/", "coalition"),
    ("/api/deliveries/", "mailing"),
    ("/api/mailings/", "urgent_action"),
    ("/api/risk-assessments/", "organisation"),
    ("/api/activities/", "partnership"),
    ("/api/evaluations/", "activity"),
]


@pytest.mark.parametrize(("url", "parameter"), FILTERS)
@pytest.mark.parametrize("value", ["9" * 40, "1.5", "-3", "²"])
def test_an_impossible_id_is_a_400_naming_the_filter(
    api_client_for, coordinator, url, parameter, value
):
    response = api_client_for(coordinator).get(url, {parameter: value})
    assert response.status_code == 400, (url, response.content)
    assert parameter in response.json()


@pytest.mark.parametrize(("url", "parameter"), FILTERS)
def test_a_possible_id_filters(api_client_for, coordinator, url, parameter):
    assert api_client_for(coordinator).get(url, {parameter: "12345"}).status_code == 200
