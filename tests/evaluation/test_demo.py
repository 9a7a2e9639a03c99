import pytest
from django.core import mail
from django.core.management import call_command

from evaluation.models import Evaluation, JointActivity, Lesson, PartnerAnswer, Target

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_activities_evaluations_a_partner_answer_and_lessons_once():
    call_command("seed_demo", "--force")
    first = [m.objects.count() for m in (JointActivity, Target, Evaluation, PartnerAnswer, Lesson)]
    call_command("seed_demo", "--force")
    assert [
        m.objects.count() for m in (JointActivity, Target, Evaluation, PartnerAnswer, Lesson)
    ] == first
    assert first[0] >= 4 and first[2] >= 3 and first[3] == 1 and first[4] >= 3
    assert JointActivity.objects.filter(coalition__isnull=False).exists()
    assert mail.outbox == []
