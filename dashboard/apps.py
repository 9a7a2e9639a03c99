from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Pages that combine every app (the dashboard), kept out of the domain apps."""

    name = "dashboard"
    verbose_name = "Dashboard"

    def ready(self) -> None:
        from .providers import register_builtin_sections

        register_builtin_sections()
