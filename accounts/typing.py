"""Types for annotations only: what a view behind a role check may rely on."""

from typing import Any

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request past `accounts.roles`' mixins and decorators (or login_required):
    `request.user` is a signed-in User, never AnonymousUser. Never instantiated."""

    user: User
    htmx: Any  # django-htmx's HtmxDetails, set by its middleware


__all__ = ["AuthenticatedRequest"]
