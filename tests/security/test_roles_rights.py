"""Roles get exactly the README's rights: joint statement texts, the admin's view-on-site
redirect, and uploaded publication files."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from outreach.forms.publications import PublicationForm
from outreach.models import Contact, Publication
from partnerships.models import JointStatement, StatementAgreement
from tests.factories import (
    CoalitionMembershipFactory,
    ContactFactory,
    JointStatementFactory,
    PublicationFactory,
)

pytestmark = pytest.mark.django_db


# --- joint statements -------------------------------------------------------------------


def _statement_post(client, statement, text):
    url = reverse("admin:partnerships_jointstatement_change", args=[statement.pk])
    return client.post(
        url,
        {
            "coalition": statement.coalition_id,
            "title": statement.title,
            "text": text,
            "agreements-TOTAL_FORMS": statement.agreements.count(),
            "agreements-INITIAL_FORMS": statement.agreements.count(),
            **{
                f"agreements-{i}-id": a.pk
                for i, a in enumerate(statement.agreements.order_by("pk"))
            },
            **{
                f"agreements-{i}-statement": statement.pk
                for i in range(statement.agreements.count())
            },
        },
    )


def test_a_statement_text_changes_while_nobody_agreed(coordinator_client):
    statement = JointStatementFactory(text="First words")
    response = _statement_post(coordinator_client, statement, "Better words")
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.text == "Better words"


def test_a_statement_text_cannot_change_once_a_member_agreed(coordinator_client, coordinator):
    membership = CoalitionMembershipFactory()
    statement = JointStatementFactory(coalition=membership.coalition, text="Agreed words")
    StatementAgreement.objects.create(
        statement=statement,
        organisation=membership.organisation,
        agreed_on=datetime.date(2026, 1, 1),
        recorded_by=coordinator,
    )
    url = reverse("admin:partnerships_jointstatement_change", args=[statement.pk])
    assert 'name="text"' not in coordinator_client.get(url).content.decode()
    _statement_post(coordinator_client, statement, "Other words")
    assert JointStatement.objects.get(pk=statement.pk).text == "Agreed words"


# --- /admin/r/<content type>/<id>/ ------------------------------------------------------


def test_view_on_site_answers_alike_for_a_hidden_and_a_missing_contact(
    staff_client, coordinator_client, defender
):
    content_type = ContentType.objects.get_for_model(Contact)
    hidden = staff_client.get(f"/admin/r/{content_type.pk}/{defender.pk}/")
    missing = staff_client.get(f"/admin/r/{content_type.pk}/999999/")
    garbage = staff_client.get(f"/admin/r/{content_type.pk}/%C2%B2/")
    assert hidden.status_code == missing.status_code == garbage.status_code == 404

    # The same page but for the address asked for and the CSRF token (masked anew each time).
    def page(response, pk) -> bytes:
        content = response.content.replace(f"/{pk}/".encode(), b"/ID/")
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)

    assert page(hidden, defender.pk) == page(missing, 999999)
    shown = coordinator_client.get(f"/admin/r/{content_type.pk}/{defender.pk}/")
    assert shown.status_code == 302 and shown["Location"] == defender.get_absolute_url()


def test_view_on_site_needs_the_view_permission(client, role_user):
    visible = ContactFactory()
    content_type = ContentType.objects.get_for_model(Contact)
    user = role_user(Role.LOCAL_GROUP, is_staff=True)  # even a misconfigured staff flag
    client.force_login(user)
    assert client.get(f"/admin/r/{content_type.pk}/{visible.pk}/").status_code == 404


# --- publication files ------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _publication_with(name: str, content: bytes) -> Publication:
    publication = PublicationFactory()
    publication.file.save(name, SimpleUploadedFile(name, content))
    return publication


def test_a_publication_file_is_served_only_to_staff(media, staff_client, client, role_user):
    publication = _publication_with("report.pdf", b"%PDF-1.7 report")
    url = reverse("outreach:publication_file", args=[publication.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 report"
    client.force_login(role_user(Role.LOCAL_GROUP))
    assert client.get(url).status_code == 403
    assert client.get(f"/media/{publication.file.name}").status_code != 200


def test_a_non_pdf_publication_file_is_downloaded_not_shown(media, staff_client):
    publication = _publication_with("notes.txt", b"<script>alert(1)</script>")
    response = staff_client.get(reverse("outreach:publication_file", args=[publication.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("image.svg", b"<svg onload='alert(1)'></svg>"),
        ("fake.pdf", b"<html><script>alert(1)</script>"),
        ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>"),
    ],
)
def test_html_and_svg_uploads_are_refused(name, content):
    data = {"title": "T", "published_on": "2026-01-01", "keywords": ""}
    form = PublicationForm(data, {"file": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert "file" in form.errors


def test_a_pdf_upload_is_accepted():
    data = {"title": "T", "published_on": "2026-01-01", "keywords": ""}
    form = PublicationForm(data, {"file": SimpleUploadedFile("r.pdf", b"%PDF-1.7 x")})
    assert form.is_valid(), form.errors
