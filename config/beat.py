"""Schedules for django-celery-beat's DatabaseScheduler, made by data migrations (so
that every deployment has them after migrate, the one command it always runs). Given
the migration's `apps`: the historical models, never the app's own."""


def schedule_every(apps, *, name: str, task: str, seconds: int) -> None:
    """`task` every `seconds`, under `name`; running it again changes nothing."""
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(every=seconds, period="seconds")
    PeriodicTask.objects.update_or_create(
        name=name, defaults={"task": task, "interval": interval, "enabled": True}
    )


def unschedule(apps, *, name: str) -> None:
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=name).delete()
