"""The REST API's routes: each app's viewsets on one router, the schema and its docs.

The schema and the docs are for signed-in users (a session or a token): the schema
describes every rule of the API, which is no business of anonymous visitors."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import DefaultRouter

from evaluation.api.activities import ActivityViewSet, EvaluationViewSet, LessonViewSet
from outreach.api.contacts import ApproachViewSet, ContactViewSet
from outreach.api.mailings import DeliveryViewSet, MailingViewSet, UrgentActionViewSet
from outreach.api.priorities import SectorViewSet
from partnerships.api.coalitions import (
    CoalitionViewSet,
    MeetingViewSet,
    PartnershipViewSet,
    StatementViewSet,
)
from partnerships.api.organisations import OrganisationViewSet
from partnerships.api.requests import PartnershipRequestViewSet
from risk.api.assessments import RiskAssessmentViewSet

# JSON only: no `.json` twins of every route (their custom actions took no `format`).
router = DefaultRouter()
router.include_format_suffixes = False
router.include_root_view = False
# Route names are api_<basename>-<action>: the benchmarks time api_organisations-list
# and api_contacts-list.
router.register("organisations", OrganisationViewSet, basename="api_organisations")
router.register("requests", PartnershipRequestViewSet, basename="api_requests")
router.register("partnerships", PartnershipViewSet, basename="api_partnerships")
router.register("coalitions", CoalitionViewSet, basename="api_coalitions")
router.register("statements", StatementViewSet, basename="api_statements")
router.register("meetings", MeetingViewSet, basename="api_meetings")
router.register("contacts", ContactViewSet, basename="api_contacts")
router.register("approaches", ApproachViewSet, basename="api_approaches")
router.register("urgent-actions", UrgentActionViewSet, basename="api_urgent_actions")
router.register("mailings", MailingViewSet, basename="api_mailings")
router.register("deliveries", DeliveryViewSet, basename="api_deliveries")
router.register("sectors", SectorViewSet, basename="api_sectors")
router.register("risk-assessments", RiskAssessmentViewSet, basename="api_risk_assessments")
router.register("activities", ActivityViewSet, basename="api_activities")
router.register("evaluations", EvaluationViewSet, basename="api_evaluations")
router.register("lessons", LessonViewSet, basename="api_lessons")


@csrf_exempt  # nothing is changed here; a POST must get the JSON 404 too
@login_not_required
def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ (a malformed id too): a JSON 404, not the HTML page."""
    return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)


class SchemaView(SpectacularAPIView):
    """The OpenAPI document; a refusal (401, 429) is JSON like every API error, not YAML."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class DocsView(SpectacularSwaggerSplitView):
    """The interactive docs: a person who is not signed in is sent to the login page
    (and back), rather than shown the API's 401."""

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.NotAuthenticated):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="api_schema"),
    path(
        "docs/",
        # The split view loads its start-up script from a URL: no inline script, so the
        # page works under our CSP (script-src 'self'); the assets come from the sidecar.
        DocsView.as_view(url_name="api_schema", template_name="api/swagger_ui.html"),
        name="api_docs",
    ),
    re_path(r"^(?P<rest>.*)$", api_not_found),
]
