"""The application's URLs plus the bench's baseline view."""

from django.urls import path

from config.urls import urlpatterns as application

from .views import baseline

urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *application]
