"""axe-core finds no serious or critical violation on the main pages, in English and
French; the dashboard and the priorities page are photographed in both languages.

axe is evaluated through Playwright (the DevTools protocol), which the page's
Content Security Policy does not govern: the page itself keeps its strict CSP."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.browser

AXE = settings.BASE_DIR / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(
            "axe-core is missing: run `make test` or bin/ensure-axe (it installs it with npm)."
        )
    return AXE.read_text()


def _violations(page, axe_source: str) -> list[dict]:
    page.evaluate(axe_source + "\n;true")
    results = page.evaluate(
        """() => axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))"""
    )
    return [v for v in results if v["impact"] in ("serious", "critical")]


def _switch_language(page, language: str) -> None:
    page.locator("form.language-switcher select").first.select_option(language)
    page.locator("form.language-switcher button").first.click()
    page.wait_for_load_state()


def _pages(live_server) -> dict[str, tuple[str, str]]:
    """(user, path) per page to check; anonymous when user is empty."""
    from accounts.models import User
    from evaluation.models import JointActivity, PartnerLink
    from evaluation.services.partner import partner_link_token
    from outreach.models import Contact, Mailing, UrgentAction
    from outreach.services.mailing_messages import contact_token
    from partnerships.models import Organisation, PartnershipRequest

    staff_user = User.objects.get(username="staff")
    ua = UrgentAction.objects.exclude(approved_by=None).first() or UrgentAction.objects.first()
    if ua.approved_by_id is None:
        ua.approved_by, ua.status = staff_user, "approved"
        ua.save()
    mailing = Mailing.objects.first() or Mailing.objects.create(
        urgent_action=ua, created_by=staff_user
    )
    organisation = Organisation.objects.order_by("pk").first()
    group_request = PartnershipRequest.objects.exclude(status="draft").order_by("pk").first()
    contact = Contact.objects.filter(is_at_risk=False).order_by("pk").first()
    token = contact_token(contact.pk)
    link = PartnerLink.objects.create(
        activity=JointActivity.objects.order_by("pk").first(),
        email="partner@example.net",
        created_by=staff_user,
    )
    return {
        "dashboard": ("staff", reverse("dashboard:home")),
        "organisation list": ("staff", reverse("partnerships:organisation_list")),
        "organisation detail": ("staff", organisation.get_absolute_url()),
        "contact list": ("staff", reverse("outreach:contact_list")),
        "contact detail": ("staff", contact.get_absolute_url()),
        "mailing progress": ("staff", reverse("outreach:mailing_detail", args=[mailing.pk])),
        "priorities": ("staff", reverse("outreach:priorities")),
        "review queue": ("coordinator", reverse("admin:review_queue")),
        "review page": ("coordinator", reverse("admin:partnerships_partnershiprequest_change", args=[group_request.pk])),
        "request form": ("localgroup1", reverse("partnerships:request_create")),
        "request detail": (group_request.created_by.username, reverse("partnerships:request_detail", args=[group_request.pk])),
        "preferences": ("", reverse("outreach:preferences", args=[token])),
        "unsubscribe": ("", reverse("outreach:unsubscribe", args=[token])),
        "partner evaluation": ("", reverse("evaluation:partner_answer", args=[link.activity_id, partner_link_token(link)])),
    }  # fmt: skip


@pytest.mark.parametrize("language", ["en", "fr"])
def test_main_pages_have_no_serious_accessibility_violations(
    page, live_server, login, axe_source, language, browser
):
    found: dict[str, list] = {}
    # Login page first, anonymous.
    page.goto(f"{live_server.url}{reverse('login')}")
    if language != "en":
        _switch_language(page, language)
    found["login"] = _violations(page, axe_source)
    current = None
    for name, (user, path) in _pages(live_server).items():
        if user != current:
            page.context.clear_cookies()
            if user:
                login(user)  # in English: the login form's labels are what it looks for
            else:
                page.goto(f"{live_server.url}{path}")
            current = user
            if language != "en":
                _switch_language(page, language)
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == language, name
        found[name] = _violations(page, axe_source)
    failures = [
        f"{name}: {v['id']} ({v['impact']}) {v['help']} at {v['targets']}"
        for name, violations in found.items()
        for v in violations
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_screenshots_of_the_dashboard_and_priorities(page, live_server, login, language):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    login("staff")
    if language != "en":
        _switch_language(page, language)
    page.goto(f"{live_server.url}{reverse('dashboard:home')}")
    # The charts arrive by htmx when scrolled to, then Chart.js draws them.
    page.locator("#charts-title").scroll_into_view_if_needed()
    page.wait_for_selector("#charts canvas[data-drawn]", timeout=15000)
    page.wait_for_timeout(500)
    page.screenshot(path=SCREENSHOTS / f"dashboard-{language}.png", full_page=True)
    page.goto(f"{live_server.url}{reverse('outreach:priorities')}")
    page.wait_for_function(
        '() => window.Chart && Chart.getChart(document.getElementById("priority-chart"))'
    )
    page.screenshot(path=SCREENSHOTS / f"priorities-{language}.png", full_page=True)
    heading = {"en": "Dashboard", "fr": "Tableau de bord"}[language]
    page.goto(f"{live_server.url}{reverse('dashboard:home')}")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    for name in ("dashboard", "priorities"):
        assert (SCREENSHOTS / f"{name}-{language}.png").stat().st_size > 10_000
