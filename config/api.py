"""The REST API's routes: each app's viewsets on one router, the schema and its docs.

Risk assessments and evaluations register here as their apps land.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from outreach.api.contacts import ApproachViewSet, ContactViewSet
from outreach.api.mailings import DeliveryViewSet, MailingViewSet, UrgentActionViewSet
from outreach.api.priorities import SectorViewSet
from partnerships.api.coalitions import CoalitionViewSet, PartnershipViewSet
from partnerships.api.organisations import OrganisationViewSet
from partnerships.api.requests import PartnershipRequestViewSet

router = DefaultRouter()
router.include_root_view = False
# Route names are api_<basename>-<action>: the benchmarks time api_organisations-list
# and api_contacts-list.
router.register("organisations", OrganisationViewSet, basename="api_organisations")
router.register("requests", PartnershipRequestViewSet, basename="api_requests")
router.register("partnerships", PartnershipViewSet, basename="api_partnerships")
router.register("coalitions", CoalitionViewSet, basename="api_coalitions")
router.register("contacts", ContactViewSet, basename="api_contacts")
router.register("approaches", ApproachViewSet, basename="api_approaches")
router.register("urgent-actions", UrgentActionViewSet, basename="api_urgent_actions")
router.register("mailings", MailingViewSet, basename="api_mailings")
router.register("deliveries", DeliveryViewSet, basename="api_deliveries")
router.register("sectors", SectorViewSet, basename="api_sectors")
# Risk assessments and evaluations: register their viewsets here as those apps land
# (risk/api.py, evaluation/api.py), e.g.
# router.register("risk-assessments", RiskAssessmentViewSet, basename="api_risk_assessments")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "docs/",
        # The split view loads its start-up script from a URL: no inline script, so the
        # page works under our CSP (script-src 'self'); the assets come from the sidecar.
        SpectacularSwaggerSplitView.as_view(
            url_name="api_schema", template_name="api/swagger_ui.html"
        ),
        name="api_docs",
    ),
]
