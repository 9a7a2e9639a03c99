from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Pages that combine every app (the dashboard), kept out of the domain apps."""

    name = "dashboard"
    verbose_name = "Dashboard"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from outreach.models import Approach

        from .providers import register_builtin_sections
        from .signals import approach_changed

        register_builtin_sections()
        post_save.connect(approach_changed, sender=Approach, dispatch_uid="dashboard-approach")
        post_delete.connect(approach_changed, sender=Approach, dispatch_uid="dashboard-approach")
