from django.urls import path

from . import views
from .pickers import UserPickerView

app_name = "accounts"

urlpatterns = [
    path("landing/", views.landing, name="landing"),
    path("profile/", views.profile, name="profile"),
    path("profile/api-keys/", views.token_create, name="token_create"),
    path("profile/api-keys/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/pick/", UserPickerView.as_view(), name="user_picker"),
]
