from django.urls import path

from .views import mailings

app_name = "outreach"

urlpatterns = [
    path("urgent-actions/", mailings.UrgentActionListView.as_view(), name="ua_list"),
    path("urgent-actions/new/", mailings.UrgentActionCreateView.as_view(), name="ua_create"),
    path("urgent-actions/<int:pk>/", mailings.UrgentActionDetailView.as_view(), name="ua_detail"),
    path(
        "urgent-actions/<int:pk>/edit/",
        mailings.UrgentActionUpdateView.as_view(),
        name="ua_edit",
    ),
    path("urgent-actions/<int:pk>/approve/", mailings.urgent_action_approve, name="ua_approve"),
    path("urgent-actions/<int:pk>/cancel/", mailings.urgent_action_cancel, name="ua_cancel"),
    path("urgent-actions/<int:pk>/send/", mailings.urgent_action_send, name="ua_send"),
    path("mailings/<int:pk>/", mailings.MailingDetailView.as_view(), name="mailing_detail"),
    path("mailings/<int:pk>/progress/", mailings.mailing_progress_view, name="mailing_progress"),
    path("preferences/<str:token>/", mailings.contact_preferences, name="preferences"),
    path("unsubscribe/<str:token>/", mailings.contact_unsubscribe, name="unsubscribe"),
]
