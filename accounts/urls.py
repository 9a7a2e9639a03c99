from django.urls import path

from . import views
from .pickers import UserPickerView

app_name = "accounts"

urlpatterns = [
    path("landing/", views.landing, name="landing"),
    path("profile/", views.profile, name="profile"),
    path("users/pick/", UserPickerView.as_view(), name="user_picker"),
]
