"""A local group sees and changes only its own group's activities; staff see all."""

import pytest
from django.urls import reverse

from evaluation.models import Evaluation, JointActivity

from .factories import ActivityFactory, all_answers

pytestmark = pytest.mark.django_db

PAGES = ["activity_detail", "activity_update", "evaluate", "activity_chart"]


def test_the_list_shows_a_group_only_its_own_activities(client, activity, group2):
    other = ActivityFactory(partnership__local_group=group2.local_group)
    client.force_login(group2)
    page = client.get(reverse("evaluation:activity_list")).content.decode()
    assert other.title in page
    assert activity.title not in page


def test_visible_to_scopes_the_queryset(activity, group1, group2, staff):
    assert list(JointActivity.objects.visible_to(group1)) == [activity]
    assert list(JointActivity.objects.visible_to(group2)) == []
    assert list(JointActivity.objects.visible_to(staff)) == [activity]


@pytest.mark.parametrize("name", PAGES)
def test_another_groups_activity_by_id_is_404(client, activity, group2, name):
    client.force_login(group2)
    assert client.get(reverse(f"evaluation:{name}", args=[activity.pk])).status_code == 404


def test_another_group_cannot_post_an_evaluation(client, activity, group2):
    client.force_login(group2)
    response = client.post(
        reverse("evaluation:evaluate", args=[activity.pk]), {**all_answers(), "complete": "1"}
    )
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


def test_another_group_cannot_send_a_partner_link(client, activity, group2):
    client.force_login(group2)
    response = client.post(
        reverse("evaluation:partner_link", args=[activity.pk]), {"email": "x@example.org"}
    )
    assert response.status_code == 404
    assert not activity.partner_links.exists()


def test_another_groups_partnership_page_is_404(client, activity, group2):
    client.force_login(group2)
    for name in ("partnership", "partnership_chart"):
        url = reverse(f"evaluation:{name}", args=[activity.partnership_id])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_the_own_group_and_staff_open_every_page(client, activity, group1, staff, name):
    for user in (group1, staff):
        client.force_login(user)
        assert client.get(reverse(f"evaluation:{name}", args=[activity.pk])).status_code == 200


def test_a_group_cannot_record_under_another_groups_partnership_by_post(client, activity, group2):
    client.force_login(group2)
    response = client.post(
        reverse("evaluation:activity_create"),
        {
            "partnership": activity.partnership_id, "title": "Sneaky", "kind": "campaigning",
            "starts_on": "2026-04-01", "ends_on": "2026-04-01", "run_by": "local_group",
            "staff_hours": "0", "volunteer_hours": "0", "money_spent": "0",
            "targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code in (200, 403)
    assert not JointActivity.objects.filter(title="Sneaky").exists()


def test_lessons_and_next_steps_are_for_staff_only(client, group1):
    client.force_login(group1)
    assert client.get(reverse("evaluation:lesson_list")).status_code == 403


def test_targets_evaluations_and_partner_answers_follow_their_activity(
    activity, group1, group2, staff
):
    from evaluation.models import PartnerAnswer, PartnerLink, Target
    from evaluation.services.evaluations import evaluation_save

    from .factories import TargetFactory

    TargetFactory(activity=activity)
    evaluation_save(activity=activity, user=group1, answers=all_answers())
    link = PartnerLink.objects.create(activity=activity, email="p@example.net", created_by=group1)
    PartnerAnswer.objects.create(
        link=link,
        activity=activity,
        beneficial_to_both="yes",
        negative_effects="no",
        work_again="yes",
    )
    for model in (Target, Evaluation, PartnerAnswer):
        assert model.objects.visible_to(group1).count() == 1
        assert model.objects.visible_to(staff).count() == 1
        assert model.objects.visible_to(group2).count() == 0
