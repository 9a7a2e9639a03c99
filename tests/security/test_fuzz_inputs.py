"""Property tests: every page a role may open, and every form on it, fed arbitrary input
(text, unicode digits, NULs, huge values, script payloads, wrong types). Never a 500,
and a script sent in is never rendered unescaped on the page that follows.

The URLs come from the access matrix's table (every row a role may open), so a new
page is fuzzed as soon as it has its row there.
"""

import logging

import pytest
from django.db import transaction
from django.urls import reverse
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


# --- the admin: every registered model, from the registry ---------------------------------

ADMIN_ROLES = ["staff", "coordinator"]  # read-only staff and writing coordinators


def _admin_pages(world, role: str) -> list[tuple]:
    """(model admin, changelist URL, the filter and paging parameters it reads) for
    every registered model whose changelist this role opens."""
    from django.contrib import admin

    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = request(world, role, "GET", url)
        if response.status_code != 200:
            continue
        changelist = response.context["cl"]
        names = {"q", "o", "p", "all", "e", "_to_field", "_popup", "_changelist_filters"}
        for spec in changelist.filter_specs:
            names.update(spec.expected_parameters())
        if model_admin.date_hierarchy:
            names.update(
                f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")
            )
        pages.append((model_admin, url, sorted(names)))
    return pages


def _admin_forms(world, role: str) -> list[tuple[str, list[str]]]:
    """(URL, form field names) of every add and change form this role opens."""
    from django.contrib import admin

    forms = []
    for model in admin.site._registry:
        opts = model._meta
        for view in ("add", "change"):
            name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
            route = next(route for n, route, _ in named_patterns() if n == name)
            url = reverse_for(world, name, route)
            response = request(world, role, "GET", url)
            adminform = response.status_code == 200 and response.context.get("adminform")
            if adminform:
                forms.append((url, list(adminform.form.fields)))
    return forms


def _admin_probe(client, url: str, names: list[str], actions: list[str]):
    @FUZZ_SETTINGS
    @example(query=dict.fromkeys(names, "²"), selected=["²", "1"], action=actions[0])
    @example(query=dict.fromkeys(names, "9999"), selected=["a\x00b"], action=actions[0])
    @example(query=dict.fromkeys(names, SCRIPT), selected=["9" * 40], action=actions[0])
    @given(
        query=st.dictionaries(st.sampled_from(names), VALUES, max_size=5),
        selected=st.lists(VALUES, max_size=3),
        action=st.sampled_from(actions),
    )
    def probe(query, selected, action):
        with transaction.atomic():
            _assert_safe(client.get(url, query), url)
            data = {"action": action, "_selected_action": selected, "index": "0", **query}
            _assert_safe(client.post(url, data, follow=True), url)
            transaction.set_rollback(True)

    return probe


def _admin_form_probe(client, url: str, fields: list[str]):
    @FUZZ_SETTINGS
    @example(data=["²"] * len(fields))
    @example(data=["a\x00b"] * len(fields))
    @example(data=["x" * 100_000] * len(fields))
    @example(data=[SCRIPT] * len(fields))
    @example(data=["9999-12-31"] * len(fields))
    @given(data=st.lists(VALUES, min_size=len(fields), max_size=len(fields)))
    def probe(data):
        with transaction.atomic():
            payload = dict(zip(fields, data, strict=True))
            # "Save and continue" shows the saved object again: escaped or not.
            payload["_continue"] = "1"
            _assert_safe(client.post(url, payload, follow=True), url)
            transaction.set_rollback(True)

    return probe


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_admin_changelist_search_filters_ordering_and_actions_never_give_a_500(
    role, role_user, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    world = build_world(role_user, tmp_path)
    pages = _admin_pages(world, role)
    assert len(pages) >= 25  # the project's models, at least: the registry was read
    for model_admin, url, names in pages:
        fake = type("R", (), {"user": world.users[role], "GET": {}, "POST": {}})()
        actions = list(model_admin.get_actions(fake)) or ["delete_selected"]
        _admin_probe(world.clients[role], url, names, actions)()


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_admin_add_and_change_forms_never_give_a_500(role, role_user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = build_world(role_user, tmp_path)
    forms = _admin_forms(world, role)
    assert forms  # staff see change pages read-only (no form fields), coordinators edit
    for url, fields in forms:
        _admin_form_probe(world.clients[role], url, fields or ["value"])()
