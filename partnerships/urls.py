from django.urls import path

from .views import requests

app_name = "partnerships"

urlpatterns = [
    path("requests/mine/", requests.MyRequestsView.as_view(), name="my_requests"),
]
