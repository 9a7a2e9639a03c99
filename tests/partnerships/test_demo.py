import pytest
from django.core.management import call_command

from demo.partnerships import DUTCH_PLATFORM
from partnerships.models import Coalition, Meeting, StatementAgreement, SupportRequest
from partnerships.models.support import SupportDecision

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_dutch_platform_and_support_requests_idempotently():
    call_command("seed_demo", "--force")
    counts = (
        StatementAgreement.objects.count(),
        Meeting.objects.count(),
        SupportRequest.objects.count(),
    )
    call_command("seed_demo", "--force")
    assert (
        StatementAgreement.objects.count(),
        Meeting.objects.count(),
        SupportRequest.objects.count(),
    ) == counts

    platform = Coalition.objects.get(name=DUTCH_PLATFORM)
    assert platform.section_is_member
    assert platform.memberships.current().count() == 13  # and the Section: fourteen members
    assert platform.meetings.count() == 6
    assert platform.memberships.filter(organisation__name="Raad van Kerken in Nederland").exists()
    assert platform.memberships.filter(organisation__kind="trade_union").count() >= 2
    assert sorted(platform.statements.values_list("status", flat=True)) == ["draft", "issued"]
    assert set(SupportRequest.objects.values_list("decision", flat=True)) == set(
        SupportDecision.values
    )
