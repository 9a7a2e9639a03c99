from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create_view, name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_update_view, name="activity_update"),
    path("activities/<int:pk>/evaluate/", views.evaluation_form_view, name="evaluate"),
    path("activities/<int:pk>/chart.json", views.activity_chart_data, name="activity_chart"),
    path("activities/<int:pk>/partner-link/", views.partner_link_send_view, name="partner_link"),
    path("partnerships/<int:pk>/", views.PartnershipEvaluationView.as_view(), name="partnership"),
    path("partnerships/<int:pk>/chart.json", views.partnership_chart_data, name="partnership_chart"),
    path("lessons/", views.LessonListView.as_view(), name="lesson_list"),
    path("next-steps/<int:pk>/", views.next_step_view, name="next_step"),
    path("partner/<int:activity_pk>/<str:token>/", views.partner_answer_view, name="partner_answer"),
]  # fmt: skip
