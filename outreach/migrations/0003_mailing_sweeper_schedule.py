"""The mailing sweeper's schedule, stored for django-celery-beat's DatabaseScheduler.

A data migration rather than seed_demo: production needs the sweeper too, and
migrate is the one command every deployment runs."""

from django.db import migrations

from config.beat import schedule_every, unschedule

TASK_NAME = "Urgent Action mailings: requeue stale claims, start stalled mailings"


def create_schedule(apps, schema_editor):
    schedule_every(apps, name=TASK_NAME, task="outreach.sweep_mailings", seconds=60)


def remove_schedule(apps, schema_editor):
    unschedule(apps, name=TASK_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0002_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
