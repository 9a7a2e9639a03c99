from django.urls import path

from . import views

app_name = "risk"

urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("assessments/new/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path(
        "assessments/<int:pk>/edit/", views.AssessmentUpdateView.as_view(), name="assessment_edit"
    ),
    path("advice/", views.advice_page, name="advice"),
    path("advice/preview/", views.advice_preview, name="advice_preview"),
]
