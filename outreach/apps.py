from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        from partnerships.timeline import register_timeline_provider

        from .selectors.campaigns import spectrum_timeline_entries
        from .timeline import approach_entries

        register_timeline_provider(approach_entries)
        register_timeline_provider(spectrum_timeline_entries)
