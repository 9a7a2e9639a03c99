"""Which model permissions each role's Django group carries: one table, kept in sync."""

from django.apps import apps as global_apps

from .roles import Role

# "app_label.codename". Codenames of models that do not exist yet are skipped
# and attached by the post_migrate sync once their migration has run.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SECTION_STAFF: [
        "accounts.view_localgroup",
        "accounts.view_user",
    ],
    Role.COORDINATOR: [
        "accounts.view_localgroup",
        "accounts.view_user",
    ],
    Role.LOCAL_GROUP: [],
}


def sync_role_permissions(apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = set()
        for name in names:
            app_label, codename = name.split(".", 1)
            wanted |= set(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).values_list("pk", flat=True)
            )
        group.permissions.add(*wanted)


def sync_role_permissions_after_migrate(sender, **kwargs) -> None:
    sync_role_permissions()


# Contacts and approaches (issue 4). Staff keep the records; only coordinators see
# human rights defenders at risk (and the log of who looked at them) by default,
# because seed 004 asks that their details reach only those who need them. An
# administrator grants the permission to a named staff user when their work needs it.
_OUTREACH_CONTACTS = [
    "outreach.view_contact",
    "outreach.add_contact",
    "outreach.change_contact",
    "outreach.view_employment",
    "outreach.add_employment",
    "outreach.change_employment",
    "outreach.delete_employment",
    "outreach.view_approach",
    "outreach.add_approach",
    "outreach.change_approach",
]
ROLE_PERMISSIONS[Role.SECTION_STAFF] += _OUTREACH_CONTACTS
ROLE_PERMISSIONS[Role.COORDINATOR] += [
    *_OUTREACH_CONTACTS,
    "outreach.view_at_risk_contact",
    "outreach.view_atriskaccesslog",
]
