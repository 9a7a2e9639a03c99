from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("charts/", views.ChartsView.as_view(), name="charts"),
    path("charts/<slug:name>.json", views.chart_json, name="chart_json"),
    path("reminders/", views.RemindersView.as_view(), name="reminders"),
    path("reminders/calendar/", views.calendar_feed_reset, name="calendar_feed_reset"),
    # The token is secrets.token_urlsafe(): a slug. Anything else (a NUL, which PostgreSQL
    # refuses in a query) is 404 before the view runs.
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
]
