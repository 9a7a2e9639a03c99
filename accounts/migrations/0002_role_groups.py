from django.db import migrations


def create_role_groups(apps, schema_editor):
    from accounts.permissions import sync_role_permissions

    # Attaches the permissions that exist already; the post_migrate sync in
    # AccountsConfig.ready() attaches those of models migrated later.
    sync_role_permissions(apps)


def remove_role_groups(apps, schema_editor):
    from accounts.roles import Role

    apps.get_model("auth", "Group").objects.filter(name__in=[r.value for r in Role]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
