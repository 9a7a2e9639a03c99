from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from config import choices

        from . import middleware  # noqa: F401 (connects the session start to user_logged_in)
        from .permissions import sync_role_permissions_after_migrate

        # Models added by later migrations get their permissions only after
        # migrate finishes; attaching them here keeps the roles complete. Not
        # limited to this app's signal: apps listed after accounts create their
        # permissions in their own post_migrate, which must run first.
        post_migrate.connect(
            sync_role_permissions_after_migrate, dispatch_uid="sync_role_permissions"
        )
        # Every model's get_FOO_display() translates only the label it shows (issue 15).
        choices.install()
        self.connect_access_changes()

    def connect_access_changes(self) -> None:
        """What changes a user's roles or permissions starts a new generation of the
        cached ones (accounts.roles.load_roles_and_permissions)."""
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import User
        from .roles import access_changed

        for through in (
            User.groups.through,
            User.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(access_changed, sender=through, dispatch_uid=f"access:{through}")
        for model in (Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(
                    access_changed, sender=model, dispatch_uid=f"access:{model}:{signal}"
                )
