from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        from partnerships.timeline import register_timeline_provider

        from .timeline import approach_entries

        register_timeline_provider(approach_entries)
