import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from live_server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # French and Spanish pages need compiled catalogues (Babel; no gettext needed).
    from config.i18n import compile_messages

    compile_messages()


def pytest_sessionfinish(session, exitstatus):
    # In CI every test must run: a skip would hide a missing service.
    if os.environ.get("CI") == "true":
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
        if skipped:
            session.exitstatus = 1
            print(f"\nCI: {skipped} test(s) skipped; in CI every test must run.")


@pytest.fixture
def role_user(db):
    """A factory for users with one of the three roles."""
    from tests.factories import UserFactory

    return UserFactory.with_role


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a view that activated another (the
    partner form, a user's saved choice) leaves it active in the thread, and code called
    outside a request (charts, e-mails built in a test) would speak it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the dashboard keeps figures and sections for
    a minute or two (issue 15), and a rolled-back test's rows (and, on SQLite, its ids)
    would otherwise live on in another test's page."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
