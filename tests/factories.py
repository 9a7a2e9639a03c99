import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import LocalGroup, User
from accounts.roles import Role


class LocalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Local group {n}")
    region = "Utrecht"
    contact_email = factory.LazyAttribute(lambda g: f"group{g.name.split()[-1]}@example.org")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @classmethod
    def with_role(cls, role: Role, **kwargs) -> User:
        if role == Role.LOCAL_GROUP:
            kwargs.setdefault("local_group", LocalGroupFactory())
        else:
            kwargs.setdefault("is_staff", True)
        user = cls(**kwargs)
        user.groups.add(Group.objects.get(name=role.value))
        return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "human_rights"
    scope = "national"
    country = "NL"
    website = factory.Sequence(lambda n: f"https://org{n}.example.org")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Sector"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")


class KeywordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Keyword"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"keyword{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.Contact"

    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Contact{n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.net")
    mailing_consent = True
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_source = "signed up at an event"


class UrgentActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "outreach.UrgentAction"

    reference = factory.Sequence(lambda n: f"UA {n + 100}/26")
    title = factory.Sequence(lambda n: f"Lawyer detained incommunicado {n}")
    summary = "A human rights lawyer was arrested and is held without access to a lawyer."
    body = "Please **write** to the minister:\n\n- ask for release\n- ask for access to family"
    occupations = "lawyer"
    created_by = factory.SubFactory(UserFactory)

    class Params:
        approved = factory.Trait(
            status="approved",
            approved_by=factory.SubFactory(UserFactory),
            approved_at=factory.LazyFunction(timezone.now),
        )
