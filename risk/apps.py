from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "risk"
    verbose_name = "Risk assessments"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_save

        from dashboard.charts import register_chart
        from partnerships.gates import register_approval_gate
        from partnerships.models import PartnershipRequest
        from partnerships.panels import (
            register_organisation_panel,
            register_queue_column,
            register_queue_filter,
            register_review_panel,
        )
        from partnerships.timeline import register_timeline_provider

        from . import charts, queue, receivers, selectors
        from .services import request_approval_refusal

        register_approval_gate(request_approval_refusal)
        register_review_panel(selectors.request_review_panel)
        register_organisation_panel(selectors.organisation_risk_panel)
        register_timeline_provider(selectors.assessment_timeline_entries)
        register_queue_column(queue.risk_rating)
        register_queue_filter(queue.RiskRatingFilter)
        register_chart("risk", charts.risk_heatmap)
        post_save.connect(
            receivers.attach_advice_to_new_request,
            sender=PartnershipRequest,
            dispatch_uid="risk_attach_advice",
        )
        # Every change to an assessment and its lines is in the audit trail.
        auditlog.register(self.get_model("RiskAssessment"), exclude_fields=["updated_at"])
        auditlog.register(self.get_model("RiskLine"))
