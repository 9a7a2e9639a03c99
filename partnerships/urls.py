from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("requests/mine/", views.MyRequestsView.as_view(), name="my_requests"),
]
