import pytest
from django.urls import reverse

from evaluation.models import Evaluation, EvaluationStatus, JointActivity, Lesson

from .factories import TargetFactory, all_answers

pytestmark = pytest.mark.django_db


def _activity_post(partnership, **extra) -> dict:
    return {
        "partnership": partnership.pk, "title": "Human rights film night", "kind": "campaigning",
        "starts_on": "2026-04-01", "ends_on": "2026-04-01", "place": "Utrecht",
        "run_by": "local_group", "staff_hours": "2", "volunteer_hours": "12",
        "money_spent": "150", "public_reached": "80",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0",
        "targets-0-indicator": "Visitors", "targets-0-unit": "people",
        "targets-0-baseline": "0", "targets-0-target": "100", "targets-0-actual": "80",
        **extra,
    }  # fmt: skip


def test_a_group_records_an_activity_with_targets(client, group1, partnership):
    client.force_login(group1)
    response = client.post(reverse("evaluation:activity_create"), _activity_post(partnership))
    activity = JointActivity.objects.get(title="Human rights film night")
    assert response.status_code == 302
    assert [(t.indicator, t.status) for t in activity.targets.all()] == [("Visitors", "partly")]


def test_the_activity_form_refuses_an_end_before_the_start(client, group1, partnership):
    client.force_login(group1)
    response = client.post(
        reverse("evaluation:activity_create"), _activity_post(partnership, ends_on="2026-03-01")
    )
    assert response.status_code == 200
    assert not JointActivity.objects.exists()


def test_the_evaluation_form_prefills_targets_reached(client, group1, activity):
    TargetFactory(activity=activity, target=100, actual=120)
    client.force_login(group1)
    response = client.get(reverse("evaluation:evaluate", args=[activity.pk]))
    assert response.context["form"]["targets_reached"].value() == "yes"


def test_completing_an_incomplete_evaluation_explains_what_is_missing(client, group1, activity):
    client.force_login(group1)
    response = client.post(
        reverse("evaluation:evaluate", args=[activity.pk]),
        {"succeeding": "yes", "complete": "1"},
        follow=True,
    )
    assert "Answer every question" in response.content.decode()
    assert not Evaluation.objects.filter(status=EvaluationStatus.COMPLETE).exists()


def test_a_group_completes_an_evaluation_with_a_lesson(client, group1, activity):
    client.force_login(group1)
    post = {
        **{k: v for k, v in all_answers().items()},
        "lesson": "Book the hall two months ahead.",
        "complete": "1",
    }
    response = client.post(reverse("evaluation:evaluate", args=[activity.pk]), post)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.is_complete
    lesson = Lesson.objects.get()
    assert lesson.organisation == activity.partnership.organisations.get()
    assert lesson.method == "campaigning"


def test_the_chart_endpoint_gives_the_tables_numbers(client, staff, activity):
    TargetFactory(activity=activity, indicator="Signatures", target=500, actual=650)
    client.force_login(staff)
    data = client.get(reverse("evaluation:activity_chart", args=[activity.pk])).json()
    assert data["rows"][0] | {} == data["rows"][0]
    assert (data["rows"][0]["target"], data["rows"][0]["actual"], data["rows"][0]["status"]) == (
        500.0,
        650.0,
        "reached",
    )
    page = client.get(reverse("evaluation:activity_detail", args=[activity.pk])).content.decode()
    assert 'id="targets-table"' in page and "650" in page
    assert "<script>" not in page  # CSP: data comes from the endpoint, no inline script


def test_the_partnership_page_shows_activities_evaluations_and_the_rating_trend(
    client, staff, group1, activity, django_assert_max_num_queries
):
    from evaluation.services.evaluations import evaluation_save

    TargetFactory(activity=activity)
    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    client.force_login(staff)
    url = reverse("evaluation:partnership", args=[activity.partnership_id])
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert activity.title in page and 'id="ratings-table"' in page
    data = client.get(
        reverse("evaluation:partnership_chart", args=[activity.partnership_id])
    ).json()
    assert [r["rating"] for r in data["ratings"]] == [4]


def test_the_evaluation_is_on_the_organisations_timeline(client, staff, group1, activity):
    from evaluation.services.evaluations import evaluation_save

    evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    organisation = activity.partnership.organisations.get()
    client.force_login(staff)
    page = client.get(
        reverse("partnerships:organisation_detail", args=[organisation.pk])
    ).content.decode()
    assert f"Evaluation: {activity.title}" in page
    assert reverse("evaluation:partnership", args=[activity.partnership_id]) in page


def test_the_navigation_has_joint_activities_for_groups_and_staff(client, group1, staff):
    for user in (group1, staff):
        client.force_login(user)
        page = client.get(reverse("evaluation:activity_list")).content.decode()
        assert reverse("evaluation:activity_list") in page and "Joint activities" in page


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_the_activity_form_refuses_dates_far_out_of_range(client, group1, partnership, day):
    client.force_login(group1)
    post = _activity_post(partnership, starts_on="2026-04-01", ends_on=day)
    assert client.post(reverse("evaluation:activity_create"), post).status_code == 200
    assert not JointActivity.objects.exists()


def test_the_conclude_proposal_asks_a_coordinator_to_confirm(
    client, conclude_step, coordinator, activity
):
    step = conclude_step
    client.force_login(coordinator)
    url = reverse("evaluation:next_step", args=[step.pk])
    assert "Conclude the partnership" in client.get(url).content.decode()
    activity.partnership.refresh_from_db()
    assert activity.partnership.status == "active"  # showing the page changes nothing
    client.post(url, {"conclude": "1"})
    activity.partnership.refresh_from_db()
    assert activity.partnership.status == "concluded"


def test_keeping_the_partnership_closes_the_proposal_only(
    client, conclude_step, coordinator, activity
):
    step = conclude_step
    client.force_login(coordinator)
    client.post(reverse("evaluation:next_step", args=[step.pk]), {"keep": "1"})
    step.refresh_from_db()
    activity.partnership.refresh_from_db()
    assert step.done_at is not None and activity.partnership.status == "active"


def test_local_groups_cannot_open_next_steps(client, group1, activity):
    from evaluation.models import NextStep

    step = NextStep.objects.create(activity=activity, kind="adjust", due_on=activity.ends_on)
    client.force_login(group1)
    assert client.get(reverse("evaluation:next_step", args=[step.pk])).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_list_and_partnership_pages_run_a_constant_number_of_queries(
    client, staff, partnership, group1, rows, django_assert_max_num_queries
):
    from evaluation.services.evaluations import evaluation_save

    from .factories import ActivityFactory

    for _ in range(rows):
        activity = ActivityFactory(partnership=partnership)
        TargetFactory(activity=activity, actual=100)
        evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("evaluation:activity_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("evaluation:partnership", args=[partnership.pk])).status_code == 200
        )


@pytest.mark.parametrize(("status", "offered"), [("active", True), ("concluded", False)])
def test_the_partnership_page_offers_recording_as_the_service_allows(
    client, group1, partnership, status, offered
):
    # The page asks may_record_under, the rule activity_create applies; not its own test.
    partnership.status = status
    partnership.save(update_fields=["status"])
    client.force_login(group1)
    page = client.get(reverse("evaluation:partnership", args=[partnership.pk])).content.decode()
    assert ("Record an activity" in page) is offered
