"""Lessons come back on a new request with the same organisation, kind, sector or method."""

import pytest
from django.urls import reverse

from evaluation.models import Lesson
from evaluation.selectors import lesson_search, lessons_for_request
from evaluation.services.evaluations import evaluation_save
from evaluation.services.lessons import lesson_record
from tests.factories import OrganisationFactory, PartnershipRequestFactory, SectorFactory

from .factories import ActivityFactory, all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(activity, group1):
    return evaluation_save(activity=activity, user=group1, answers=all_answers(), complete=True)


def _lesson(evaluation, user, text, **tags) -> Lesson:
    base = {"organisation": None, "organisation_kind": "", "sector": "", "method": ""}
    return lesson_record(evaluation=evaluation, user=user, text=text, **{**base, **tags})


def _request(organisation, methods=("lobbying",)):
    return PartnershipRequestFactory(organisation=organisation, methods=list(methods))


def test_a_lesson_is_tagged_from_its_activity(evaluation, group1, activity):
    sector = SectorFactory(slug="trade-unions")
    organisation = activity.partnership.organisations.get()
    sector.organisations.add(organisation)
    lesson = lesson_record(evaluation=evaluation, user=group1, text="Agree roles early.")
    assert (lesson.organisation, lesson.organisation_kind, lesson.sector, lesson.method) == (
        organisation, organisation.kind, "trade-unions", "campaigning",
    )  # fmt: skip


def test_same_organisation_surfaces(evaluation, group1):
    organisation = OrganisationFactory(kind="media")
    lesson = _lesson(evaluation, group1, "Same organisation", organisation=organisation)
    assert lessons_for_request(_request(organisation)) == [lesson]


def test_same_kind_surfaces(evaluation, group1):
    lesson = _lesson(evaluation, group1, "Same kind", organisation_kind="trade_union")
    assert lessons_for_request(_request(OrganisationFactory(kind="trade_union"))) == [lesson]


def test_same_sector_surfaces(evaluation, group1):
    sector = SectorFactory(slug="medical")
    organisation = OrganisationFactory(kind="professional")
    sector.organisations.add(organisation)
    lesson = _lesson(evaluation, group1, "Same sector", sector="medical")
    assert lessons_for_request(_request(organisation)) == [lesson]


def test_same_method_surfaces(evaluation, group1):
    lesson = _lesson(evaluation, group1, "Same method", method="lobbying")
    assert lessons_for_request(_request(OrganisationFactory(kind="media"))) == [lesson]


def test_nothing_surfaces_without_a_match(evaluation, group1):
    _lesson(evaluation, group1, "Unrelated", organisation=OrganisationFactory(kind="business"),
            organisation_kind="business", sector="business", method="fundraising")  # fmt: skip
    assert lessons_for_request(_request(OrganisationFactory(kind="media"), ["lobbying"])) == []


def test_most_relevant_first_and_at_most_five(evaluation, group1):
    organisation = OrganisationFactory(kind="trade_union")
    method = [_lesson(evaluation, group1, f"Method {n}", method="lobbying") for n in range(4)]
    kind = _lesson(evaluation, group1, "Kind", organisation_kind="trade_union")
    same = _lesson(evaluation, group1, "Organisation", organisation=organisation)
    shown = lessons_for_request(_request(organisation))
    assert len(shown) == 5
    assert shown[:2] == [same, kind]
    assert set(shown[2:]) <= set(method)


def test_the_review_page_shows_matching_lessons(client, coordinator, evaluation, group1):
    organisation = OrganisationFactory()
    _lesson(evaluation, group1, "Ask for the speakers list early.", organisation=organisation)
    request = _request(organisation)
    client.force_login(coordinator)
    url = reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    page = client.get(url).content.decode()
    assert "Ask for the speakers list early." in page
    assert evaluation.get_absolute_url() in page


def test_the_review_page_says_so_when_nothing_matches(client, coordinator):
    request = _request(OrganisationFactory(kind="media"))
    client.force_login(coordinator)
    url = reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    assert "No lessons bear on" in client.get(url).content.decode()


def test_a_group_drafting_a_request_sees_the_lessons(client, group2, evaluation, group1):
    organisation = OrganisationFactory()
    _lesson(evaluation, group1, "Check the venue's access.", organisation=organisation)
    client.force_login(group2)
    url = reverse("partnerships:request_create") + f"?organisation={organisation.pk}"
    page = client.get(url).content.decode()
    assert "Check the venue&#x27;s access." in page
    # Another group's evaluation: the lesson is shown, the link to it is not.
    assert evaluation.get_absolute_url() not in page


def test_no_lessons_box_without_a_match(client, group2):
    client.force_login(group2)
    url = reverse("partnerships:request_create") + f"?organisation={OrganisationFactory().pk}"
    assert 'id="request-lessons"' not in client.get(url).content.decode()


def test_search_finds_lessons_by_their_words(evaluation, group1):
    hit = _lesson(evaluation, group1, "Invite every major party to the debate.")
    _lesson(evaluation, group1, "Book the hall early.")
    assert list(lesson_search("party")) == [hit] or list(lesson_search("parties")) == [hit]
    assert list(lesson_search("debate")) == [hit]


def test_the_lessons_page_searches(client, staff, evaluation, group1):
    _lesson(evaluation, group1, "Invite every major party to the debate.")
    _lesson(evaluation, group1, "Book the hall early.")
    client.force_login(staff)
    page = client.get(reverse("evaluation:lesson_list"), {"q": "debate"}).content.decode()
    assert "major party" in page and "Book the hall" not in page


def test_a_coalition_lesson_carries_the_coalition(group1, staff):
    from tests.factories import CoalitionFactory

    coalition = CoalitionFactory()
    activity = ActivityFactory(partnership=None, coalition=coalition)
    evaluation = evaluation_save(
        activity=activity, user=staff, answers=all_answers(), complete=True
    )
    assert (
        lesson_record(evaluation=evaluation, user=staff, text="Rotate chairs.").coalition
        == coalition
    )


def test_a_lesson_of_a_coalition_the_organisation_belongs_to_surfaces(evaluation, group1):
    from tests.factories import CoalitionMembershipFactory

    membership = CoalitionMembershipFactory(organisation=OrganisationFactory(kind="media"))
    lesson = _lesson(evaluation, group1, "Coalition", coalition=membership.coalition)
    assert lessons_for_request(_request(membership.organisation)) == [lesson]


def test_coalition_lessons_surface_for_a_group_joining_a_coalition(evaluation, group1):
    from tests.factories import CoalitionFactory

    lesson = _lesson(
        evaluation, group1, "Clarify the coalition's limits", coalition=CoalitionFactory()
    )
    joining = PartnershipRequestFactory(
        organisation=OrganisationFactory(kind="media"), methods=["receive_information"],
        joins_coalition=True,
    )  # fmt: skip
    assert lessons_for_request(joining) == [lesson]
    joining.joins_coalition = False
    assert lessons_for_request(joining) == []


def test_the_review_page_flags_an_open_risk_review_of_the_organisation(
    client, coordinator, activity, group1
):
    answers = all_answers(negative_effects="yes")
    evaluation_save(activity=activity, user=group1, answers=answers, complete=True)
    organisation = activity.partnership.organisations.get()
    client.force_login(coordinator)
    url = reverse("admin:partnerships_partnershiprequest_change", args=[_request(organisation).pk])
    page = client.get(url).content.decode()
    assert 'id="open-risk-reviews"' in page and activity.title in page
    other = _request(OrganisationFactory())
    other_url = reverse("admin:partnerships_partnershiprequest_change", args=[other.pk])
    assert 'id="open-risk-reviews"' not in client.get(other_url).content.decode()
