from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run` and the browser tests: apart from domain code, never on a live site."""

    name = "demo"
    verbose_name = "Demo data"
