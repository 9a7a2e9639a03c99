"""Factories for the evaluation app (kept here so the shared factories module stays small)."""

import datetime
from decimal import Decimal

import factory

from tests.factories import LocalGroupFactory, OrganisationFactory, UserFactory


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Partnership"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnership {n}")
    local_group = factory.SubFactory(LocalGroupFactory)
    methods = factory.LazyFunction(lambda: ["campaigning"])
    visibility = "co_branded"
    starts_on = datetime.date(2026, 1, 1)
    lead = factory.SubFactory(UserFactory)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.add(*(extracted or [OrganisationFactory()]))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.JointActivity"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Joint activity {n}")
    kind = "campaigning"
    starts_on = datetime.date(2026, 3, 1)
    ends_on = datetime.date(2026, 3, 2)
    place = "Utrecht"
    run_by = "local_group"
    staff_hours = Decimal(4)
    volunteer_hours = Decimal(20)
    created_by = factory.SubFactory(UserFactory)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.Target"

    activity = factory.SubFactory(ActivityFactory)
    indicator = "Signatures collected"
    unit = "signatures"
    baseline = Decimal(0)
    target = Decimal(500)
    actual = None


def all_answers(answer: str = "yes", **overrides) -> dict:
    from evaluation.models import QUESTIONS

    answers = {name: answer for name, _ in QUESTIONS}
    answers["negative_effects"] = "no"  # a yes sets a risk review: tests ask for it
    answers.update({f"{name}_note": f"Note on {name}" for name, _ in QUESTIONS})
    answers.update(overall_rating=4, recommendation="continue")
    answers.update(overrides)
    return answers
