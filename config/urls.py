from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from accounts.forms import SectionPasswordResetForm

from .health import healthz

admin.site.site_header = "Partnerdesk administration"
admin.site.site_title = "Partnerdesk administration"
admin.site.index_title = "Partnerdesk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=SectionPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("healthz", healthz, name="healthz"),
    path("outreach/", include("outreach.urls")),
    path("", include("partnerships.urls")),
    path("", include("dashboard.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
