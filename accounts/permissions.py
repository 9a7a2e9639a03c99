"""Which model permissions each role's Django group carries: one table, kept in sync."""

from django.apps import apps as global_apps

from .roles import Role

# "app_label.codename". Codenames of models that do not exist yet are skipped
# and attached by the post_migrate sync once their migration has run.
# Partnership requests: staff read every request and partnership in the admin;
# coordinators also act on them (the services check the role again).
_REQUESTS_VIEW = [
    "partnerships.view_partnershiprequest",
    "partnerships.view_requestevent",
    "partnerships.view_checklistanswer",
    "partnerships.view_partnership",
]
_REQUESTS_DECIDE = [
    "partnerships.change_partnershiprequest",
    "partnerships.change_partnership",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SECTION_STAFF: [
        "accounts.view_localgroup",
        "accounts.view_user",
        *_REQUESTS_VIEW,
    ],
    Role.COORDINATOR: [
        "accounts.view_localgroup",
        "accounts.view_user",
        *_REQUESTS_VIEW,
        *_REQUESTS_DECIDE,
    ],
    Role.LOCAL_GROUP: [],
}

# The partner registry, coalitions and support requests (issue 3): staff and
# coordinators keep them alike.
REGISTRY_PERMISSIONS = [
    f"partnerships.{action}_{model}"
    for model in (
        "organisation", "affiliation", "coalition", "coalitionmembership", "meeting",
        "jointstatement", "statementagreement", "supportrequest",
    )
    for action in ("view", "add", "change")
]  # fmt: skip
ROLE_PERMISSIONS[Role.SECTION_STAFF] += REGISTRY_PERMISSIONS
ROLE_PERMISSIONS[Role.COORDINATOR] += REGISTRY_PERMISSIONS
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
    # post_migrate fires once per app, and each app's permissions are created
    # by its own firing: only after the last app do they all exist.
    with_models = [app for app in global_apps.get_app_configs() if app.models_module]
    if sender is with_models[-1]:
        sync_role_permissions()
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
