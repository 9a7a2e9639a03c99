from django.conf import settings
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString

from accounts.roles import allowed_navigation, navigation_menus

from . import __version__

# A navigation bar with more entries than this (a dropdown counts as one) stands in one
# row only on a wide screen (base.html): Section staff's seven, in French, need 1600 px.
NAV_ENTRIES_FOR_A_LAPTOP = 3

# The navigation bar as rendered HTML, per (links, language, current page). Rendering
# it was more than half of what the layout cost a signed-in page (2.9 of 4.4 ms on the
# bench machine), yet it is the same for everyone with the same roles. The links (from
# the one rule, accounts.roles) are the key, so a change of role changes the entry; the
# current page counts only when it is one of the links, so there are at most role sets x
# languages x (links + 1) entries. Not kept in DEBUG: an edited template shows at once.
_rendered: dict[tuple, dict] = {}
RENDERED_MAX = 1000


def _navigation(request: HttpRequest) -> dict:
    items = allowed_navigation(request.user) if hasattr(request, "user") else []
    urls = tuple(url for _, url in items)
    active = request.path if request.path in urls else ""
    key = (urls, translation.get_language(), active)
    navigation = _rendered.get(key)
    if navigation is None:
        menus = navigation_menus(items)
        entries = sum(1 if menu else len(links) for menu, links in menus)
        links = get_template("includes/navigation.html").render(
            {"nav_menus": menus, "active": active}
        )
        navigation = {
            "nav_links": SafeString(links),
            "nav_expand": "navbar-expand-wide"
            if entries > NAV_ENTRIES_FOR_A_LAPTOP
            else "navbar-expand-xl",
        }
        if not settings.DEBUG and len(_rendered) < RENDERED_MAX:
            _rendered[key] = navigation
    return navigation


def site(request: HttpRequest) -> dict:
    return {
        "partnerdesk_version": __version__,
        "section_name": settings.SECTION_NAME,
        **_navigation(request),
        # django-htmx's {% htmx_script %} looks for csp_nonce in the context.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
