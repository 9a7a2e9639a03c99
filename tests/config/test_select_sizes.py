"""No page offers a row of a large table from a <select>: with more than 200
organisations, contacts and users, every form and admin page a superuser can reach
(crawled from the home page, the outreach home and the admin index) renders no
<select> of more than 200 options. Large tables use the search-as-you-type pickers
(config/pickers.py) and, in the admin, autocomplete_fields or raw_id_fields."""

import re
from collections import Counter
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from accounts.models import User
from outreach.models import Contact
from partnerships.models import Organisation

pytestmark = pytest.mark.django_db

MANY = 201
MAX_OPTIONS = 200
SELECT = re.compile(r"<select\b[^>]*>(.*?)</select>", re.S | re.I)
NAME = re.compile(r'name="([^"]*)"')
HREF = re.compile(r'href="(/[^"]*)"')
START = ["/", "/outreach/", "/admin/"]
# Pages that end the session or only download a file.
SKIP = re.compile(r"logout|\.csv$|\.ics$|/delete/$|/history/$")
# Vocabularies fixed by the code, not by the data: permissions, countries, time zones.
FIXED_VOCABULARIES = {"permissions", "user_permissions", "country", "countries", "timezone"}
PER_ROUTE = 2
# The pages issue 15 found with a <select> of every organisation, and their kin.
MUST_REACH = [
    "outreach/contacts/<int:pk>/",
    "outreach/approaches/new/",
    "outreach/approaches/<int:pk>/edit/",
    "organisations/<int:pk>/merge/",
    "support/new/",
    "coalitions/<int:pk>/edit/",
    "outreach/structures/<int:pk>/edit/",
    "admin/partnerships/partnership/<path:object_id>/change/",
]  # two pages of each URL pattern: a list row and a detail are enough


def fill_large_tables() -> None:
    Organisation.objects.bulk_create(
        Organisation(name=f"Bulk organisation {n:03d}", name_key=f"bulk organisation {n:03d}")
        for n in range(MANY)
    )
    Contact.objects.bulk_create(
        Contact(first_name="Bulk", last_name=f"Contact {n:03d}") for n in range(MANY)
    )
    User.objects.bulk_create(User(username=f"bulk-user-{n:03d}") for n in range(MANY))


def oversized_selects(html: str) -> list[tuple[str, int]]:
    found = []
    for match in SELECT.finditer(html):
        options = match.group(1).lower().count("<option")
        if options > MAX_OPTIONS:
            name = NAME.search(match.group(0))
            name = name.group(1) if name else "?"
            if name.split("-")[-1] not in FIXED_VOCABULARIES:
                found.append((name, options))
    return found


def route_of(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route


def crawl(client) -> tuple[dict[str, list], int]:
    seen, per_route, problems = set(), Counter(), {}
    queue = list(START)
    while queue:
        url = urldefrag(queue.pop(0))[0]
        route = route_of(url)
        skip = SKIP.search(urlsplit(url).path)
        if url in seen or route is None or skip or per_route[route] >= PER_ROUTE:
            continue
        seen.add(url)
        per_route[route] += 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if bad := oversized_selects(html):
            problems[url] = bad
        queue.extend(HREF.findall(html.replace("&amp;", "&")))
    return problems, set(per_route)


def test_no_page_renders_a_select_of_a_large_table(client):
    call_command("seed_demo", "--force")
    fill_large_tables()
    client.force_login(User.objects.create_superuser("crawler", "crawler@example.org", "x"))
    problems, routes = crawl(client)
    missing = {route for route in MUST_REACH if route not in routes}
    assert not missing, f"the crawl never reached {missing}"
    assert problems == {}


def test_oversized_selects_are_found():
    options = "".join(f"<option value={n}>{n}</option>" for n in range(MAX_OPTIONS + 1))
    html = f'<select name="organisation">{options}</select><select name="kind"></select>'
    assert oversized_selects(html) == [("organisation", MAX_OPTIONS + 1)]
