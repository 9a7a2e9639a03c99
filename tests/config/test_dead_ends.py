"""Dead ends and contradictions a new user met first (issue 12)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from accounts.roles import Role
from outreach.services.mailing_messages import contact_token
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_a_403_is_a_page_in_the_apps_look_with_a_way_back(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    response = client.get(reverse("partnerships:organisation_list"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "This page is not open to you" in content
    assert reverse("accounts:landing") in content
    assert "navbar" in content  # the app's own layout


def test_a_404_is_a_page_in_the_apps_look_with_a_way_back(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert reverse("accounts:landing") in response.content.decode()


def test_a_500_is_a_page_in_the_apps_look_with_a_way_back():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert reverse("accounts:landing").encode() in response.content


def test_every_page_has_a_favicon(client):
    content = client.get(reverse("login")).content.decode()
    assert 'rel="icon"' in content and "favicon.svg" in content
    assert client.get("/static/favicon.svg").status_code == 200


def test_contact_pages_carry_the_sections_name_and_no_staff_login(client):
    token = contact_token(ContactFactory().pk)
    for url in (
        reverse("outreach:preferences", args=[token]),
        reverse("outreach:unsubscribe", args=[token]),
    ):
        content = client.get(url).content.decode()
        assert settings.SECTION_NAME in content
        assert "Partnerdesk" not in content
        assert reverse("login") not in content


def test_a_second_visit_to_an_unsubscribe_link_says_it_is_done_already(client):
    contact = ContactFactory()
    url = reverse("outreach:unsubscribe", args=[contact_token(contact.pk)])
    assert "You are unsubscribed" in client.post(url).content.decode()
    for again in (client.get(url), client.post(url)):
        assert "already unsubscribed" in again.content.decode()


def test_the_sender_carries_the_sections_name():
    assert settings.SECTION_NAME in settings.DEFAULT_FROM_EMAIL
    assert "localhost" not in settings.DEFAULT_FROM_EMAIL


def test_the_admin_says_deliveries():
    from outreach.models import Delivery

    assert Delivery._meta.verbose_name_plural == "deliveries"


@pytest.mark.parametrize("url_name", ["outreach:priorities"])
def test_pages_speak_of_the_manual_not_of_seeds(client, role_user, url_name):
    client.force_login(role_user(Role.SECTION_STAFF))
    content = client.get(reverse(url_name)).content.decode().lower()
    assert "seed 00" not in content


def test_no_template_speaks_of_seeds():
    """Internal references ("seed 002") stay in comments: people read the documents' names."""
    comment = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)
    found = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.*")
        if re.search(r"seed\s*0\d\d", comment.sub("", path.read_text()), re.I)
    ]
    assert found == []


def test_the_risk_messages_and_advice_name_the_guide_not_a_seed():
    from risk.advisor import advise_json

    result = advise_json({"title": "Stall at the market"})
    assert "seed" not in json.dumps(result).lower()
    assert any("Partnership Guide" in reason["text"] for reason in result["reasons"])


@pytest.mark.parametrize(
    ("language", "heading", "body"),
    [
        ("fr", "Cette adresse est déjà désinscrite", "il n’y a rien de plus à faire"),
        ("es", "Esta dirección ya está dada de baja", "no hay nada más que hacer"),
    ],
)
def test_the_already_unsubscribed_page_speaks_the_readers_language(client, language, heading, body):
    contact = ContactFactory()
    url = reverse("outreach:unsubscribe", args=[contact_token(contact.pk)])
    client.post(url)
    content = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert heading in content and body in content
    assert "already unsubscribed" not in content
