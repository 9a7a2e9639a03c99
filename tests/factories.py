import factory
from django.contrib.auth.models import Group

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
