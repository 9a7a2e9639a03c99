"""The navigation bar is rendered once per set of links, language and current page
(config/context_processors.py): whoever comes next with the same links gets the same
HTML, and nobody gets another role's links, another page's highlight or another
language's labels."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from config import context_processors
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD, REMINDERS, QUEUE = "dashboard:home", "dashboard:reminders", "admin:review_queue"


@pytest.fixture(autouse=True)
def _nothing_rendered_yet():
    context_processors._rendered.clear()
    yield
    context_processors._rendered.clear()


def _client(role: Role) -> Client:
    client = Client()
    client.force_login(UserFactory.with_role(role))
    return client


def _links(html: str) -> str:
    return html[html.index('<ul class="navbar-nav me-auto">') : html.index("</nav>")]


def _current(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)" aria-current="page"', _links(html))


def test_the_current_page_is_marked_on_each_page_of_a_warm_cache():
    client = _client(Role.SECTION_STAFF)
    for _ in range(2):  # the second round is served from the cache
        assert _current(client.get(reverse(DASHBOARD)).content.decode()) == [reverse(DASHBOARD)]
        assert _current(client.get(reverse(REMINDERS)).content.decode()) == [reverse(REMINDERS)]
    assert len(context_processors._rendered) == 2


def test_a_page_that_is_no_link_marks_none_and_adds_no_entry():
    client = _client(Role.SECTION_STAFF)
    client.get(reverse(DASHBOARD))
    for n in range(3):
        html = client.get(reverse("partnerships:organisation_list") + f"?page={n}").content
        assert _current(html.decode()) == [reverse("partnerships:organisation_list")]
    for path in (reverse("outreach:priorities"), "/no-such-page/", "/nor-this-one/"):
        assert _current(client.get(path).content.decode()) == []
    assert len(context_processors._rendered) == 3  # dashboard, registry, no link


def test_each_role_gets_its_own_links_after_another_role_warmed_the_cache():
    coordinator, staff, group = (
        _client(Role.COORDINATOR),
        _client(Role.SECTION_STAFF),
        _client(Role.LOCAL_GROUP),
    )
    landing = reverse("evaluation:activity_list")
    for _ in range(2):
        coordinator_links = _links(coordinator.get(reverse(DASHBOARD)).content.decode())
        staff_links = _links(staff.get(reverse(DASHBOARD)).content.decode())
        group_links = _links(group.get(landing).content.decode())
        assert f'href="{reverse(QUEUE)}"' in coordinator_links
        assert f'href="{reverse(QUEUE)}"' not in staff_links
        assert f'href="{reverse("partnerships:my_requests")}"' in group_links
        assert f'href="{reverse(DASHBOARD)}"' not in group_links


def test_the_labels_follow_the_readers_language():
    client = _client(Role.SECTION_STAFF)
    english = _links(client.get(reverse(DASHBOARD)).content.decode())
    response = client.get(reverse(DASHBOARD), headers={"accept-language": "fr"})
    french = _links(response.content.decode())
    assert "Reminders" in english and "Rappels" in french
    assert "Reminders" not in french


def test_debug_renders_every_time(settings):
    settings.DEBUG = True
    _client(Role.SECTION_STAFF).get(reverse(DASHBOARD))
    assert context_processors._rendered == {}
