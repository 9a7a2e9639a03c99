from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import coalition_timeline
        from .selectors import (
            partnership_timeline_entries,
            partnerships_latest,
            request_timeline_entries,
            requests_latest,
        )
        from .timeline import register_last_activity_provider, register_timeline_provider

        for provider in (
            *coalition_timeline.PROVIDERS,
            request_timeline_entries,
            partnership_timeline_entries,
        ):
            register_timeline_provider(provider)
        for latest in (
            *coalition_timeline.LAST_ACTIVITY_PROVIDERS,
            requests_latest,
            partnerships_latest,
        ):
            register_last_activity_provider(latest)
        auditlog.register(
            self.get_model("Organisation"),
            exclude_fields=[
                "name_key",
                "acronym_key",
                "website_domain",
                "email_domain",
                "initials_key",
                "website_family",
                "email_family",
                "updated_at",
            ],
        )
