"""Property tests: every page a role may open, and every form on it, fed arbitrary input
(text, unicode digits, NULs, huge values, script payloads, wrong types). Never a 500,
and a script sent in is never rendered unescaped on the page that follows.

The URLs come from the access matrix's table (every row a role may open), so a new
page is fuzzed as soon as it has its row there.
"""

import logging

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .access_matrix import ROLES, build_world, named_patterns, request, reverse_for
from .test_access_matrix import MATRIX

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
NASTY = [
    "²", "١٢٣", "\x00", "a\x00b", "9" * 40, "-1", "0", "1e309", "NaN", "[]", "{}",
    "9999-12-31", "0000-00-00", "31/02/2026", SCRIPT, '"><img src=x onerror=alert(1)>',
    "x" * 100_000, "",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
# Query parameters the views read (search, paging, sorting, filters, ids).
QUERY_NAMES = [
    "q", "page", "sort", "status", "kind", "decision", "organisation", "contact", "exclude",
    "format", "follow_up", "mine", "include_at_risk", "name", "acronym", "website", "email",
    "relationship_status", "country", "sector", "o", "e", "p", "all",
]  # fmt: skip
FUZZ_SETTINGS = settings(
    max_examples=2,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SKIP = ("logout", "admin:logout", "password_reset", "login", "admin:login")


def _pages_for(role_index: int) -> list[tuple[str, str]]:
    """(name, route) of every web page this role opens (200 in the table)."""
    pages = []
    for name, route, _ in named_patterns():
        codes = MATRIX[name].split()
        method = "POST" if codes[0] == "POST" else "GET"
        codes = codes[1:] if method == "POST" else codes
        if name in SKIP or name.startswith("admin:") or name == "admin_view_on_site":
            continue
        if codes[role_index] in ("200", "302", "400"):
            pages.append((name, route, method))
    return pages


def _assert_safe(response, name: str) -> None:
    assert response.status_code < 500, name
    if response.get("Content-Type", "").startswith("text/html"):
        assert SCRIPT not in response.content.decode(errors="replace"), name


def _form_fields(world, role: str, url: str) -> list[str]:
    response = request(world, role, "GET", url)
    form = getattr(response, "context", None) and response.context.get("form")
    return list(form.fields) if form is not None and hasattr(form, "fields") else []


def _probe(client, url: str, fields: list[str], name: str):
    """A property for one page: any query string, and any value in each form field."""

    @FUZZ_SETTINGS
    # Always tried, besides the random draws: the known classes of bad input.
    @example(query=dict.fromkeys(QUERY_NAMES, "²"), data=["²"] * len(fields), extra="²")
    @example(query={"q": SCRIPT}, data=[SCRIPT] * len(fields), extra="a\x00b")
    @given(
        query=st.dictionaries(st.sampled_from(QUERY_NAMES), VALUES, max_size=4),
        data=st.lists(VALUES, min_size=len(fields), max_size=len(fields)),
        extra=VALUES,
    )
    def probe(query, data, extra):
        with transaction.atomic():
            _assert_safe(client.get(url, query), name)
            payload = dict(zip(fields, data, strict=True)) or {"value": extra}
            # follow=True: the page after a save shows what was stored, escaped or not.
            _assert_safe(client.post(url, payload, follow=True), name)
            transaction.set_rollback(True)

    return probe


@pytest.fixture(autouse=True)
def quiet():
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


@pytest.mark.parametrize("role", ["coordinator", "group1"])
def test_arbitrary_query_and_form_input_never_gives_a_500(role, role_user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = build_world(role_user, tmp_path)
    client = world.clients[role]
    for name, route, method in _pages_for(ROLES.index(role)):
        url = reverse_for(world, name, route)
        fields = _form_fields(world, role, url) if method == "GET" else []

        _probe(client, url, fields, name)()
