"""Joint activities, evaluations and lessons over the API: a local group evaluates only
its own activities, as on the pages, through the same services."""

import pytest

from accounts.roles import Role
from evaluation.models import Evaluation, Lesson
from tests.evaluation.factories import ActivityFactory, PartnershipFactory, all_answers

pytestmark = pytest.mark.django_db

ACTIVITY = {"title": "Film night", "kind": "campaigning", "starts_on": "2026-11-01",
            "ends_on": "2026-11-01", "run_by": "local_group", "staff_hours": "2.5",
            "volunteer_hours": 10, "money_spent": "0"}  # fmt: skip


@pytest.fixture
def mine(group_user):
    partnership = PartnershipFactory(local_group=group_user.local_group)
    return ActivityFactory(partnership=partnership, created_by=group_user)


@pytest.fixture
def other_group(role_user):
    return role_user(Role.LOCAL_GROUP)


def test_a_group_records_an_activity_with_targets_under_its_partnership(
    api_client_for, group_user, mine
):
    body = {**ACTIVITY, "partnership": mine.partnership_id,
            "targets": [{"indicator": "People", "unit": "people", "baseline": 0, "target": 40}]}  # fmt: skip
    response = api_client_for(group_user).post("/api/activities/", body)
    assert response.status_code == 201, response.json()
    assert response.json()["staff_hours"] == "2.5"
    assert [t["indicator"] for t in response.json()["targets"]] == ["People"]


def test_a_group_cannot_record_under_another_groups_partnership(api_client_for, other_group, mine):
    PartnershipFactory(local_group=other_group.local_group)
    body = {**ACTIVITY, "partnership": mine.partnership_id}
    response = api_client_for(other_group).post("/api/activities/", body)
    assert response.status_code == 400
    assert "partnership" in response.json()


def test_another_group_neither_reads_nor_changes_nor_evaluates_an_activity(
    api_client_for, other_group, mine
):
    client = api_client_for(other_group)
    assert client.get(f"/api/activities/{mine.pk}/").status_code == 404
    assert client.patch(f"/api/activities/{mine.pk}/", {"place": "Zeist"}).status_code == 404
    assert (
        client.post(f"/api/activities/{mine.pk}/evaluate/", {"succeeding": "yes"}).status_code
        == 404
    )
    assert client.get("/api/activities/").json()["count"] == 0
    assert not Evaluation.objects.exists()


def test_a_group_evaluates_its_activity_draft_then_complete_with_a_lesson(
    api_client_for, group_user, mine
):
    client = api_client_for(group_user)
    url = f"/api/activities/{mine.pk}/evaluate/"
    draft = client.post(url, {"succeeding": "yes"})
    assert draft.status_code == 200, draft.json()
    assert draft.json()["status"] == "draft"
    # Fields not sent keep their saved values.
    refused = client.post(url, {"effective_use": "partly", "complete": True})
    assert refused.status_code == 409
    assert "Answer every question" in refused.json()["detail"]
    done = client.post(url, {**all_answers(), "complete": True, "lesson": "Book the hall early."})
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "complete"
    assert Lesson.objects.get().text == "Book the hall early."
    assert client.post(url, {"succeeding": "no"}).status_code == 409


def test_a_partial_draft_keeps_earlier_answers(api_client_for, group_user, mine):
    client = api_client_for(group_user)
    url = f"/api/activities/{mine.pk}/evaluate/"
    client.post(url, {"succeeding": "yes"})
    response = client.post(url, {"effective_use": "no"})
    assert response.json()["succeeding"] == "yes" and response.json()["effective_use"] == "no"


def test_evaluations_are_visible_exactly_when_their_activity_is(
    api_client_for, group_user, other_group, staff, mine
):
    api_client_for(group_user).post(f"/api/activities/{mine.pk}/evaluate/", {"succeeding": "yes"})
    evaluation = Evaluation.objects.get()
    assert api_client_for(staff).get(f"/api/evaluations/{evaluation.pk}/").status_code == 200
    assert api_client_for(group_user).get("/api/evaluations/").json()["count"] == 1
    assert api_client_for(other_group).get(f"/api/evaluations/{evaluation.pk}/").status_code == 404


def test_lessons_are_for_staff_and_searched_like_the_page(api_client_for, staff, group_user, mine):
    api_client_for(staff).post(
        f"/api/activities/{mine.pk}/evaluate/", {"lesson": "Invite the union early."}
    )
    client = api_client_for(staff)
    assert client.get("/api/lessons/?q=union").json()["count"] == 1
    assert client.get("/api/lessons/?q=detention").json()["count"] == 0
    assert client.get("/api/lessons/?q=" + "x" * 201).status_code == 400
    assert api_client_for(group_user).get("/api/lessons/").status_code == 403


def test_staff_change_any_activity_and_replace_its_targets(api_client_for, staff, mine):
    from tests.evaluation.factories import TargetFactory

    kept, dropped = TargetFactory(activity=mine), TargetFactory(activity=mine, indicator="Letters")
    response = api_client_for(staff).patch(
        f"/api/activities/{mine.pk}/",
        {"place": "Zeist", "targets": [{"id": kept.pk, "actual": 600}]},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["place"] == "Zeist"
    assert [(t["id"], t["status"]) for t in response.json()["targets"]] == [(kept.pk, "reached")]
    assert not type(dropped).objects.filter(pk=dropped.pk).exists()
