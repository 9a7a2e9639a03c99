import pytest

from accounts.roles import Role

from .factories import ActivityFactory, PartnershipFactory


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF, username="staff-eval")


@pytest.fixture
def coordinator(role_user):
    return role_user(Role.COORDINATOR, username="coordinator-eval")


@pytest.fixture
def group1(role_user):
    return role_user(Role.LOCAL_GROUP, username="group-one")


@pytest.fixture
def group2(role_user):
    return role_user(Role.LOCAL_GROUP, username="group-two")


@pytest.fixture
def partnership(group1, staff):
    return PartnershipFactory(local_group=group1.local_group, lead=staff)


@pytest.fixture
def activity(partnership, group1):
    return ActivityFactory(partnership=partnership, created_by=group1)


@pytest.fixture
def conclude_step(activity, group1):
    """The group's complete evaluation recommends concluding: the proposal it leaves."""
    from evaluation.models import NextStep
    from evaluation.services.evaluations import evaluation_save

    from .factories import all_answers

    answers = all_answers(recommendation="conclude")
    evaluation_save(activity=activity, user=group1, answers=answers, complete=True)
    return NextStep.objects.get(kind="conclude")
