from django.urls import path

from .views import requests

app_name = "partnerships"

urlpatterns = [
    path("requests/mine/", requests.MyRequestsView.as_view(), name="my_requests"),
    path(
        "requests/new/",
        requests.OrganisationPickView.as_view(),
        name="request_pick_organisation",
    ),
    path("requests/new/details/", requests.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", requests.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", requests.RequestUpdateView.as_view(), name="request_edit"),
    path("requests/<int:pk>/submit/", requests.request_submit, name="request_submit"),
    path("requests/<int:pk>/answer/", requests.request_answer, name="request_answer"),
    path(
        "requests/<int:pk>/withdraw/",
        requests.RequestWithdrawView.as_view(),
        name="request_withdraw",
    ),
]
