from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from risk.api import EventAdviceView

from .health import healthz

admin.site.site_header = "Partnerdesk administration"
admin.site.site_title = "Partnerdesk administration"
admin.site.index_title = "Partnerdesk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("healthz", healthz, name="healthz"),
    path("api/risk/event-advice/", EventAdviceView.as_view(), name="api_event_advice"),
    path("outreach/", include("outreach.urls")),
    path("risk/", include("risk.urls")),
    path("", include("partnerships.urls")),
    path("", include("dashboard.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
