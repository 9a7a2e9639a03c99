"""Risk assessments over the API: the register's rules and filters, the service's
completion rule and derived rating, and the approval gate seen through the API."""

import pytest

from risk.models import Check, RiskAssessment, RiskType
from tests.factories import OrganisationFactory, PartnershipRequestFactory, assess_risk

pytestmark = pytest.mark.django_db

CHECKS = {f"check_{c}": True for c in Check} | {f"check_{c}_note": "Looked." for c in Check}


def _line(risk_type: str, residual: tuple[int, int] = (1, 2)) -> dict:
    return {"risk_type": risk_type, "description": "", "likelihood": 3, "impact": 3,
            "mitigation": "Agreed.", "residual_likelihood": residual[0],
            "residual_impact": residual[1]}  # fmt: skip


def _complete(organisation_pk: int) -> dict:
    return {
        "organisation": organisation_pk, "assessed_on": "2026-11-02",
        "review_on": "2027-05-01", "status": "complete", **CHECKS,
        "lines": [_line(t) for t in RiskType.values],
    }  # fmt: skip


def test_staff_make_a_complete_assessment_and_get_its_derived_rating(api_client_for, staff):
    organisation = OrganisationFactory()
    response = api_client_for(staff).post("/api/risk-assessments/", _complete(organisation.pk))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["rating"] == "low" and body["status"] == "complete"
    assert {line["risk_type"] for line in body["lines"]} == set(RiskType.values)
    assert body["assessor"] == staff.get_username()


def test_a_complete_assessment_without_every_type_is_refused_with_the_pages_sentence(
    api_client_for, staff
):
    data = _complete(OrganisationFactory().pk)
    data["lines"] = data["lines"][:5]
    response = api_client_for(staff).post("/api/risk-assessments/", data)
    assert response.status_code == 400
    assert "Assess every type of risk" in str(response.json()["lines"])
    assert not RiskAssessment.objects.exists()


def test_exactly_one_target_is_the_forms_rule(api_client_for, coordinator):
    data = {
        **_complete(OrganisationFactory().pk),
        "partnership_request": PartnershipRequestFactory().pk,
    }
    response = api_client_for(coordinator).post("/api/risk-assessments/", data)
    assert response.status_code == 400
    assert "exactly one thing" in str(response.json())


def test_a_local_group_cannot_read_or_make_assessments(api_client_for, group_user):
    assessment = assess_risk(OrganisationFactory())
    client = api_client_for(group_user)
    assert client.get("/api/risk-assessments/").status_code == 403
    assert client.get(f"/api/risk-assessments/{assessment.pk}/").status_code == 403
    assert (
        client.post("/api/risk-assessments/", _complete(OrganisationFactory().pk)).status_code
        == 403
    )


def test_changing_one_line_keeps_the_others_and_rerates(api_client_for, staff):
    assessment = assess_risk(OrganisationFactory())
    response = api_client_for(staff).patch(
        f"/api/risk-assessments/{assessment.pk}/",
        {
            "lines": [
                {
                    "risk_type": "legal",
                    "residual_likelihood": 5,
                    "residual_impact": 5,
                    "mitigation": "None possible.",
                }
            ]
        },  # fmt: skip
    )
    # Sending lines replaces the set: the five types not sent would go, and a complete
    # assessment needs all six.
    assert response.status_code == 400
    lines = [_line(t) for t in RiskType.values if t != "legal"] + [_line("legal", (5, 5))]
    response = api_client_for(staff).patch(
        f"/api/risk-assessments/{assessment.pk}/", {"lines": lines}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["rating"] == "do_not_participate"
    assert assessment.lines.count() == 6


def test_a_change_without_lines_leaves_them(api_client_for, staff):
    assessment = assess_risk(OrganisationFactory())
    response = api_client_for(staff).patch(
        f"/api/risk-assessments/{assessment.pk}/", {"title": "Yearly review"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Yearly review" and len(response.json()["lines"]) == 6


def test_the_register_filters_and_orders_like_the_page(api_client_for, staff):
    film = OrganisationFactory(name="Film House")
    blocked = assess_risk(film, blocking="physical")
    draft = assess_risk(OrganisationFactory(), complete=False)
    client = api_client_for(staff)
    ids = [row["id"] for row in client.get("/api/risk-assessments/").json()["results"]]
    assert ids == [draft.pk, blocked.pk]  # open ones first
    rated = client.get("/api/risk-assessments/?rating=do_not_participate").json()["results"]
    assert [row["id"] for row in rated] == [blocked.pk]
    concerning = client.get(f"/api/risk-assessments/?organisation={film.pk}").json()["results"]
    assert [row["id"] for row in concerning] == [blocked.pk]
    by_type = client.get("/api/risk-assessments/?risk_type=legal").json()
    assert by_type["count"] == 2  # one row each, not one per line
    assert client.get("/api/risk-assessments/?rating=nonsense").status_code == 400


def test_the_list_runs_a_fixed_number_of_queries(
    api_client_for, staff, django_assert_max_num_queries
):
    for _ in range(5):
        assess_risk(OrganisationFactory())
    client = api_client_for(staff)
    with django_assert_max_num_queries(10) as ran:
        assert client.get("/api/risk-assessments/?risk_type=legal").status_code == 200
    # No DISTINCT: it sorted all 20,000 assessments of the bench for each page (185 ms).
    assert not [q["sql"] for q in ran.captured_queries if "DISTINCT" in q["sql"]]


def test_the_risk_gate_applies_to_an_approval_through_the_api(api_client_for, coordinator):
    from tests.factories import complete_checklist

    partnership_request = PartnershipRequestFactory(status="in_review")
    complete_checklist(partnership_request)
    client = api_client_for(coordinator)
    approve = {"starts_on": "2027-03-01", "lead": coordinator.pk}
    url = f"/api/requests/{partnership_request.pk}/approve/"
    assert partnership_request.needs_review()  # the gate applies to it
    response = client.post(url, approve)
    assert response.status_code == 409
    assert "risk assessment" in response.json()["detail"]
    assess_risk(partnership_request, blocking="legal")
    response = client.post(url, approve)
    assert response.status_code == 409
    assert "do not participate" in response.json()["detail"]
    partnership_request.refresh_from_db()
    assert partnership_request.status == "in_review"
