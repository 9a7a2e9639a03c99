from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.throttling import BaseThrottle

from accounts.tokens import api_token_authenticate

FAILURE_WINDOW_SECONDS = 60


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>` with a key from the profile page (stored hashed).

    DRF checks throttles only after authentication, so guessing keys would never be
    throttled: failures are counted here, per client address, and past
    API_TOKEN_FAILURES_PER_MINUTE the client waits (429 with Retry-After)."""

    def authenticate(self, request):
        key = f"api-token-failures:{BaseThrottle().get_ident(request)}"
        if cache.get(key, 0) >= settings.API_TOKEN_FAILURES_PER_MINUTE:
            raise exceptions.Throttled(wait=FAILURE_WINDOW_SECONDS)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            cache.add(key, 0, FAILURE_WINDOW_SECONDS)
            cache.incr(key)
            raise

    def authenticate_credentials(self, key: str):
        token = api_token_authenticate(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(gettext("Invalid or revoked token."))
        return token.user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: create a key on your profile page.",
        }
