"""Demo users and local groups for `seed_demo`."""

from django.contrib.auth.models import Group

from accounts.models import LocalGroup, User
from accounts.roles import Role

DEMO_GROUPS = [
    ("Amsterdam local group", "Noord-Holland", "amsterdam@groups.example.org"),
    ("Utrecht local group", "Utrecht", "utrecht@groups.example.org"),
]

# username, role, local group index, is_staff (admin access)
DEMO_USERS = [
    ("staff", Role.SECTION_STAFF, None, True),
    ("coordinator", Role.COORDINATOR, None, True),
    ("localgroup1", Role.LOCAL_GROUP, 0, False),
    ("localgroup2", Role.LOCAL_GROUP, 1, False),
]


def seed_users(*, password: str) -> dict[str, User]:
    groups = [
        LocalGroup.objects.update_or_create(
            name=name, defaults={"region": region, "contact_email": email}
        )[0]
        for name, region, email in DEMO_GROUPS
    ]
    users = {}
    for username, role, group_index, is_staff in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "email": f"{username}@partnerdesk.example.org",
                "is_staff": is_staff,
                "local_group": groups[group_index] if group_index is not None else None,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role.value)])
        users[username] = user
    return users
