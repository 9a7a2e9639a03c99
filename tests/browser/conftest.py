"""Playwright drives Debian's Chromium (Playwright cannot download its own here)."""

import os
import shutil

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail(
            "Chromium is missing: run `make test` (it installs it) or see bin/ensure-chromium"
        )
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def demo_data(transactional_db):
    """The demo users and data, exactly as `make run` loads them."""
    call_command("seed_demo", "--force")


@pytest.fixture
def csp_violations(page):
    """Console messages about blocked content: a page must produce none."""
    messages: list[str] = []
    page.on(
        "console",
        lambda msg: messages.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return messages


@pytest.fixture
def login(page, live_server, demo_data):
    """Log in through the real form, as a person would."""

    def _login(username: str, password: str = "partnerdesk-demo") -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

    return _login


@pytest.fixture
def navigate(page):
    """Follow a link of the main navigation, opening its dropdown menu first."""

    def _navigate(link: str, menu: str = "") -> None:
        nav = page.get_by_role("navigation", name="Main navigation")
        toggler = nav.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()  # folded below 1600 px for staff (base.html)
            page.wait_for_selector("#main-nav.show")
        if menu:
            nav.get_by_role("button", name=menu, exact=True).click()
        nav.get_by_role("link", name=link, exact=True).click()

    return _navigate
