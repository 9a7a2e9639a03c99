import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, staff):
    # The schema and the docs are for signed-in users (session here; token below).
    client.force_login(staff)
    return client


def _schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_and_the_docs_need_a_login(db):
    from django.test import Client

    anonymous = Client()
    schema = anonymous.get("/api/schema/")
    assert schema.status_code == 401
    assert schema["Content-Type"].startswith("application/json")
    assert "paths" not in schema.content.decode()
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302
    assert docs["Location"].startswith("/accounts/login/?next=/api/docs/")
    script = anonymous.get("/api/docs/?script=")
    assert script.status_code == 302


def test_a_token_reads_the_schema(api_client_for, group_user):
    response = api_client_for(group_user).get("/api/schema/")
    assert response.status_code == 200
    assert "/api/risk-assessments/" in yaml.safe_load(response.content)["paths"]


def test_a_bad_token_gets_no_schema(db):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-key")
    assert client.get("/api/schema/").status_code == 401


def test_schema_is_valid_openapi_3(client):
    schema = _schema(client)
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_operation_has_a_summary_and_its_error_responses(client):
    for path, operations in _schema(client)["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path}"
            assert {"401", "403", "429"} <= set(operation["responses"]), f"{method} {path}"
            if method in ("post", "put", "patch"):
                assert {"400", "409"} <= set(operation["responses"]), f"{method} {path}"
                assert "requestBody" in operation or method == "post", f"{method} {path}"


def test_enum_values_are_documented(client):
    components = _schema(client)["components"]["schemas"]
    assert "approved" in components["RequestStatusEnum"]["enum"]
    assert "campaigning" in components["CooperationMethodEnum"]["enum"]
    assert "do_not_participate" in components["RatingEnum"]["enum"]
    assert set(components["RiskTypeEnum"]["enum"]) >= {"legal", "reputational", "physical"}
    assert components["DraftOrCompleteEnum"]["enum"] == ["draft", "complete"]
    assert components["EvaluationAnswerEnum"]["enum"] == ["yes", "partly", "no"]
    assert "conclude" in components["RecommendationEnum"]["enum"]


def test_risk_and_evaluation_are_in_the_schema(client):
    paths = _schema(client)["paths"]
    for path in ("/api/risk-assessments/", "/api/risk-assessments/{id}/", "/api/activities/",
                 "/api/activities/{id}/evaluate/", "/api/evaluations/", "/api/lessons/",
                 "/api/meetings/{id}/", "/api/coalitions/{id}/meetings/"):  # fmt: skip
        assert path in paths, path
    # Who owns a new relationship is asked as on the page (the caller by default).
    approach_input = _schema(client)["components"]["schemas"]["ApproachInputRequest"]
    assert "relationship_owner" in approach_input["properties"]
    parameters = {p["name"] for p in paths["/api/risk-assessments/"]["get"]["parameters"]}
    assert {"risk_type", "rating", "status", "organisation", "ordering", "page"} <= parameters


def test_docs_are_served_offline_within_the_csp(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "http://" not in page.replace("http://testserver", "") and "https://" not in page
    assert "<script>" not in page and "<style>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_every_link_joins_two_operations_of_the_schema(client):
    from accounts.api.schema import LINKS

    schema = _schema(client)
    operations = {
        operation["operationId"]: operation
        for path in schema["paths"].values()
        for operation in path.values()
    }
    for (source, status), targets in LINKS.items():
        assert source in operations, source
        links = operations[source]["responses"][status]["links"]
        assert {link["operationId"] for link in links.values()} == set(targets), source
        assert set(targets) <= set(operations), source


def test_the_schema_is_the_same_whoever_fetches_it(api_client_for, staff, group_user):
    # schemathesis checks every role's answers against one schema.
    as_staff = api_client_for(staff).get("/api/schema/").content
    assert as_staff == api_client_for(group_user).get("/api/schema/").content


def test_the_schema_reads_in_the_readers_language(client):
    # ?lang= is drf-spectacular's; without it the schema follows the request's language.
    operations = _schema_in(client, "fr")["paths"]["/api/requests/"]
    assert (
        operations["get"]["summary"]
        == "Lister les demandes de partenariat (un groupe local : les siennes)"
    )
    assert operations["post"]["summary"] == "Faire une demande de partenariat (groupes locaux)"
    fields = _schema_in(client, "es")["components"]["schemas"]["RequestCreateRequest"]
    assert (
        fields["properties"]["submit"]["description"]
        == "Enviar enseguida en lugar de guardar un borrador."
    )


def _schema_in(client, language: str) -> dict:
    response = client.get(f"/api/schema/?lang={language}")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_a_pages_form_reads_in_the_readers_language_in_the_schema(client):
    # The input schemas are built from the pages' forms at import: their labels stay lazy.
    fields = _schema_in(client, "fr")["components"]["schemas"]["DeclineRequest"]["properties"]
    assert fields["internal_note"]["description"].startswith("Note interne")
