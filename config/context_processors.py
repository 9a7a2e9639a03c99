from django.conf import settings
from django.http import HttpRequest

from accounts.roles import navigation_menus_for

from . import __version__

# A navigation bar with more entries than this (a dropdown counts as one) stands in one
# row only on a wide screen (base.html): Section staff's seven, in French, need 1600 px.
NAV_ENTRIES_FOR_A_LAPTOP = 3


def _navigation(request: HttpRequest) -> dict:
    menus = navigation_menus_for(request.user) if hasattr(request, "user") else []
    entries = sum(1 if menu else len(links) for menu, links in menus)
    wide = entries > NAV_ENTRIES_FOR_A_LAPTOP
    return {"nav_menus": menus, "nav_expand": "navbar-expand-wide" if wide else "navbar-expand-xl"}


def site(request: HttpRequest) -> dict:
    return {
        "partnerdesk_version": __version__,
        "section_name": settings.SECTION_NAME,
        **_navigation(request),
        # django-htmx's {% htmx_script %} looks for csp_nonce in the context.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
