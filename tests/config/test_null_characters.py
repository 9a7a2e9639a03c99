import pytest

from accounts.roles import Role
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/partnerships/organisation/?q=%00",
        "/admin/partnerships/coalition/?q=a%00b",
        "/admin/outreach/publication/?q=%00",
        "/admin/partnerships/organisation/?kind__exact=%00",
        "/organisations/?q=%00",
        "/outreach/contacts/?sort=%00",
    ],
)
def test_a_null_character_in_the_address_is_dropped_everywhere(client, role_user, url):
    # PostgreSQL refuses NUL in a query: before the middleware these were 500s.
    client.force_login(role_user(Role.COORDINATOR))
    assert client.get(url).status_code == 200


def test_the_search_runs_as_if_the_null_character_were_not_there(client, role_user):
    OrganisationFactory(name="Amnesty Partner")
    OrganisationFactory(name="Someone Else")
    client.force_login(role_user(Role.COORDINATOR))
    response = client.get("/organisations/?q=Amn%00esty")
    assert [o.name for o in response.context["organisations"]] == ["Amnesty Partner"]


def test_an_encoded_percent_sign_followed_by_zeros_is_kept(rf):
    from config.middleware import StripNullCharactersMiddleware

    request = rf.get("/organisations/", QUERY_STRING="q=50%2500")
    StripNullCharactersMiddleware(lambda r: None)(request)
    assert request.GET["q"] == "50%00"
