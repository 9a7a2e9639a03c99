import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def _schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


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


def test_docs_are_served_offline_within_the_csp(client, staff):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "http://" not in page.replace("http://testserver", "") and "https://" not in page
    assert "<script>" not in page and "<style>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
