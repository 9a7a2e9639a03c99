from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        from partnerships.panels import register_organisation_panel, register_review_panel
        from partnerships.timeline import register_timeline_provider

        from .panels import organisation_evaluation_panel, review_lessons_panel
        from .timeline import evaluation_entries

        register_timeline_provider(evaluation_entries)
        register_organisation_panel(organisation_evaluation_panel)
        register_review_panel(review_lessons_panel)
