from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from .selectors import partnership_timeline_entries, request_timeline_entries
        from .timeline import register_timeline_provider

        register_timeline_provider(request_timeline_entries)
        register_timeline_provider(partnership_timeline_entries)
