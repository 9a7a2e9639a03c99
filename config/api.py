"""The REST API's routes: each app's viewsets on one router, the schema and its docs.

Risk assessments and evaluations register here as their apps land.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from partnerships.api.organisations import OrganisationViewSet

router = DefaultRouter()
router.include_root_view = False
# Route names are api_<basename>-<action>: the benchmarks time api_organisations-list
# and api_contacts-list.
router.register("organisations", OrganisationViewSet, basename="api_organisations")

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
