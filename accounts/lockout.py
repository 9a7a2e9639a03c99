"""django-axes: the client's address behind trusted proxies, and the lockout as a page
in the app's look that says how long the pause lasts."""

import ipaddress

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_timedelta": cool_off,
        "cooloff_minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0,
    }
    return render(
        request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def client_ip(request) -> str | None:
    """The address login failures are counted for. Each trusted proxy appends the address
    it was reached from to X-Forwarded-For, so the client is the entry TRUSTED_PROXY_COUNT
    places from the right; anything the client wrote further left is not trusted."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not count or len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
