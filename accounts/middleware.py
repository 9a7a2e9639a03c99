"""Per-user middleware: the saved language, and session lifetime by role.

Session lifetime: an idle session of staff or coordinators ends after
SESSION_IDLE_HOURS (SESSION_COOKIE_AGE), and a coordinator's with the browser when
SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE is set. The session is saved again (which
renews its expiry) at most every RENEW_SECONDS, not on every request: a write per page
would cost every page three queries."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .roles import is_coordinator

SEEN_KEY = "partnerdesk_seen"
RENEW_SECONDS = 300


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's and the cookie's,
    so the choice follows them to any device. Runs after authentication and after
    LocaleMiddleware, which handles everyone else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class SessionExpiryMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= RENEW_SECONDS:
                session[SEEN_KEY] = now  # saved with the response: idle time counts anew
        return response


@receiver(user_logged_in, dispatch_uid="partnerdesk_session_start")
def session_start(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[SEEN_KEY] = int(time.time())
    if settings.SESSION_COORDINATORS_EXPIRE_AT_BROWSER_CLOSE and is_coordinator(user):
        request.session.set_expiry(0)  # a cookie without a date: gone with the browser
