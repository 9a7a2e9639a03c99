from django.conf import settings
from django.http import HttpRequest

from accounts.roles import navigation_menus_for

from . import __version__


def site(request: HttpRequest) -> dict:
    return {
        "partnerdesk_version": __version__,
        "section_name": settings.SECTION_NAME,
        "nav_menus": navigation_menus_for(request.user) if hasattr(request, "user") else [],
        # django-htmx's {% htmx_script %} looks for csp_nonce in the context.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
