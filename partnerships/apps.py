from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import coalition_timeline
        from .selectors import partnership_timeline_entries, request_timeline_entries
        from .timeline import register_timeline_provider

        for provider in (
            *coalition_timeline.PROVIDERS,
            request_timeline_entries,
            partnership_timeline_entries,
        ):
            register_timeline_provider(provider)
        auditlog.register(
            self.get_model("Organisation"),
            exclude_fields=[
                "name_key",
                "acronym_key",
                "website_domain",
                "email_domain",
                "updated_at",
            ],
        )
