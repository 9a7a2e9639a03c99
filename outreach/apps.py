from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        from partnerships.panels import register_organisation_panel
        from partnerships.timeline import (
            register_last_activity_provider,
            register_timeline_provider,
        )

        from .selectors.campaigns import spectrum_timeline_entries
        from .selectors.organisations import organisation_outreach_panel
        from .timeline import approach_entries, approaches_latest, spectrum_moves_latest

        register_timeline_provider(approach_entries)
        register_timeline_provider(spectrum_timeline_entries)
        register_last_activity_provider(approaches_latest)
        register_last_activity_provider(spectrum_moves_latest)
        register_organisation_panel(organisation_outreach_panel)
