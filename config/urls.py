from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from accounts.admin_views import view_on_site
from accounts.forms import SectionPasswordResetForm
from accounts.views import language_set
from risk.api.advice import EventAdviceView

from .health import healthz

admin.site.site_header = "Partnerdesk administration"
admin.site.site_title = "Partnerdesk administration"
admin.site.index_title = "Partnerdesk"

urlpatterns = [
    # Before the admin's own "r/" pattern, which would tell a hidden row from a missing one.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=SectionPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", language_set, name="set_language"),
    path("outreach/", include("outreach.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("risk/", include("risk.urls")),
    path("api/risk/event-advice/", EventAdviceView.as_view(), name="api_event_advice"),
    path("api/", include("config.api")),
    path("", include("partnerships.urls")),
    path("", include("dashboard.urls")),
]
# MEDIA_URL is deliberately not served: uploaded files go through views that check the
# role (outreach:publication_file).
