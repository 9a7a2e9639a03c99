"""Which model permissions each role's Django group carries: one table, kept in sync.

Views and services check the role again; these permissions decide what the admin
site shows (read-only for section staff, decisions for coordinators).
"""

from django.apps import apps as global_apps

from .roles import Role


def _perms(app_label: str, actions: tuple[str, ...], models: tuple[str, ...]) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


VIEW = ("view",)
KEEP = ("view", "add", "change")

# Section staff and coordinators alike.
_SHARED = [
    *_perms("accounts", VIEW, ("localgroup", "user")),
    # Partnership requests: everyone reads them; only coordinators decide (below).
    *_perms("partnerships", VIEW, ("partnershiprequest", "requestevent", "checklistanswer", "partnership")),
    # The partner registry, coalitions and reciprocal support requests.
    *_perms("partnerships", KEEP, (
        "organisation", "affiliation", "coalition", "coalitionmembership", "meeting",
        "jointstatement", "statementagreement", "supportrequest",
    )),
    # Priorities, structures, publications, campaigns: edited through the outreach
    # pages, read-only in the admin.
    *_perms("outreach", VIEW, (
        "sector", "sectorassessment", "outreachstructure", "structuremember", "networkmailing",
        "actionreport", "publication", "keyword", "campaign", "spectrumplacement", "spectrummove",
    )),
    # Contacts and approaches.
    *_perms("outreach", KEEP, ("contact", "employment", "approach")),
    # Urgent Actions: written and sent through their pages; the admin shows them read-only.
    *_perms("outreach", VIEW, ("urgentaction", "mailing", "delivery")),
    "outreach.delete_employment",
    # Evaluations: recorded through the evaluation pages; the admin shows them read-only.
    *_perms("evaluation", VIEW, (
        "jointactivity", "target", "evaluation", "lesson", "partnerlink", "partneranswer", "nextstep",
    )),
    # Risk assessments: written through the register pages, read-only in the admin.
    *_perms("risk", VIEW, ("riskassessment", "riskline", "requestadvice")),
    # Reminder digests: written by the daily job; the admin shows what went out or failed.
    *_perms("dashboard", VIEW, ("reminderdigest",)),
]  # fmt: skip

# "app_label.codename". Codenames of models that do not exist yet are skipped
# and attached by the post_migrate sync once their migration has run.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SECTION_STAFF: _SHARED,
    Role.COORDINATOR: [
        *_SHARED,
        *_perms("partnerships", ("change",), ("partnershiprequest", "partnership")),
        *_perms("risk", ("add", "change"), ("riskassessment", "riskline")),
        "risk.delete_riskline",
        # Seed 004: details of defenders at risk reach only those who need them. An
        # administrator grants this to a named staff user when their work needs it.
        "outreach.view_at_risk_contact",
        "outreach.view_atriskaccesslog",
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
    # post_migrate fires once per app, and each app's permissions are created
    # by its own firing: only after the last app do they all exist.
    with_models = [app for app in global_apps.get_app_configs() if app.models_module]
    if sender is with_models[-1]:
        sync_role_permissions()
