from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from .permissions import sync_role_permissions_after_migrate

        # Models added by later migrations get their permissions only after
        # migrate finishes; attaching them here keeps the roles complete. No
        # sender: each app's permissions exist only after its own post_migrate,
        # and apps listed after accounts (outreach, risk...) come later.
        post_migrate.connect(
            sync_role_permissions_after_migrate, dispatch_uid="sync_role_permissions"
        )
