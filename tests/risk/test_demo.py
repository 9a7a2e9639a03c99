import pytest
from django.core.management import call_command

from partnerships.models import PartnershipRequest
from risk.models import Rating, RiskAssessment

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_an_assessment_in_every_band_idempotently():
    call_command("seed_demo", "--force")
    ratings = set(RiskAssessment.objects.values_list("rating", flat=True))
    assert set(Rating.values) <= ratings
    count = RiskAssessment.objects.count()
    call_command("seed_demo", "--force")
    assert RiskAssessment.objects.count() == count
    # Every approved demo request passed the gate; the blocked one waits in review.
    for approved in PartnershipRequest.objects.filter(status="approved"):
        assert approved.risk_assessment.is_complete()
    blocked = RiskAssessment.objects.get(rating=Rating.DO_NOT_PARTICIPATE)
    assert blocked.partnership_request.status == "in_review"
