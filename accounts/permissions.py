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

# Issue 4 (outreach priorities, structures, publications, campaigns): staff and
# coordinators edit these through the outreach pages; the admin shows them read-only.
for _role in (Role.SECTION_STAFF, Role.COORDINATOR):
    ROLE_PERMISSIONS[_role] += [
        f"outreach.view_{model}"
        for model in (
            "sector",
            "sectorassessment",
            "outreachstructure",
            "structuremember",
            "networkmailing",
            "actionreport",
            "publication",
            "keyword",
            "campaign",
            "spectrumplacement",
            "spectrummove",
        )
    ]


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
