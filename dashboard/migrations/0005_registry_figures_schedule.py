"""The registry figures' refresh for django-celery-beat, every minute: the dashboard's
figures are counted ahead of their expiry instead of in a user's request. A data
migration, like the digest's, so every deployment has it after migrate."""

from django.db import migrations

from config.beat import schedule_every, unschedule

TASK_NAME = "Dashboard: count the registry figures ahead of their expiry"


def create_schedule(apps, schema_editor):
    schedule_every(apps, name=TASK_NAME, task="dashboard.refresh_registry_figures", seconds=60)


def remove_schedule(apps, schema_editor):
    unschedule(apps, name=TASK_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0004_i18n2_verbose_names"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
