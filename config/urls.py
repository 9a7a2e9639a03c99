from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import language_set

from .health import healthz

admin.site.site_header = "Partnerdesk administration"
admin.site.site_title = "Partnerdesk administration"
admin.site.index_title = "Partnerdesk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", language_set, name="set_language"),
    path("outreach/", include("outreach.urls")),
    path("", include("partnerships.urls")),
    path("", include("dashboard.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
