"""Session lifetime by role: idle staff and coordinators are logged out after
SESSION_IDLE_HOURS (SESSION_COOKIE_AGE, renewed by every request), and coordinators'
sessions end with the browser when SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE is set."""

from django.conf import settings

from .roles import is_coordinator


class SessionExpiryMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        if settings.SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE and is_coordinator(user):
            session.set_expiry(0)  # a cookie without a date: gone when the browser closes
        return response
