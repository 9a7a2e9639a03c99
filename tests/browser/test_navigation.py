"""The main navigation in French and Spanish, the longest labels: no link wraps onto a
second line and the page never scrolls sideways. Staff's long bar stands in one row on a
wide screen and folds behind the toggler on a laptop, a tablet and a phone; a local
group's short bar stays in one row on a laptop."""

import pytest
from django.urls import reverse

from tests.browser.layout import screenshot

pytestmark = pytest.mark.browser

# Each visible navigation control, with how many lines its text takes.
CONTROLS = """() => [...document.querySelectorAll(
    'nav[aria-label] .nav-link, nav[aria-label] .navbar-brand, nav[aria-label] .language-switcher button'
)].filter(el => el.offsetParent !== null).map(el => {
    const style = getComputedStyle(el);
    const content = el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return {text: el.innerText.trim(), lines: Math.round(content / parseFloat(style.lineHeight)),
            top: Math.round(el.getBoundingClientRect().top)};
})"""
FIRST_LINK = {
    "coordinator": {"fr": "Tableau de bord", "es": "Panel"},
    "localgroup1": {"fr": "Mes demandes"},
}


@pytest.mark.parametrize(
    ("user", "language", "width"),
    [
        ("coordinator", "fr", 1600),  # the most links of any role
        ("coordinator", "fr", 1366),
        ("coordinator", "fr", 1024),
        ("coordinator", "fr", 390),
        ("coordinator", "es", 1600),
        ("localgroup1", "fr", 1280),
    ],
)
def test_the_navigation_fits_without_wrapping(page, live_server, login, user, language, width):
    page.set_viewport_size({"width": width, "height": 768})
    login(user)
    page.locator("form.language-switcher select").first.select_option(language)
    page.locator("form.language-switcher button").first.click()
    home = {"coordinator": "dashboard:home", "localgroup1": "partnerships:my_requests"}[user]
    page.goto(f"{live_server.url}{reverse(home)}")
    assert page.locator("html").get_attribute("lang") == language
    toggler = page.locator(".navbar-toggler")
    folded = toggler.is_visible()
    if folded:
        screenshot(page, f"navigation-{user}-{language}-{width}-folded")
        toggler.click()
        page.wait_for_selector("#main-nav.show")
        page.wait_for_timeout(400)  # the collapse animation
    controls = page.evaluate(CONTROLS)
    screenshot(page, f"navigation-{user}-{language}-{width}")
    assert FIRST_LINK[user][language] in [c["text"] for c in controls], controls
    assert [c for c in controls if c["lines"] != 1] == []
    assert folded == (width < 1600 and user == "coordinator")
    if not folded:  # one row
        tops = [c["top"] for c in controls]
        assert max(tops) - min(tops) < 20, controls
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
