"""The partner's signed link: valid, expired, reused, tampered, for another activity."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from evaluation.models import NextStep, PartnerAnswer, PartnerLink
from evaluation.services.partner import partner_link_create, partner_link_token

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "beneficial_to_both": "yes",
    "negative_effects": "no",
    "what_to_change": "Start the publicity earlier.",
    "work_again": "yes",
}


@pytest.fixture
def link(activity, group1, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return partner_link_create(activity=activity, user=group1, email="partner@example.net")


def _url(link, token=None, activity_id=None) -> str:
    return reverse(
        "evaluation:partner_answer",
        args=[activity_id or link.activity_id, token or partner_link_token(link)],
    )


def test_the_link_is_mailed_after_commit_and_names_the_activity(client, link, activity):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["partner@example.net"]
    assert activity.title in message.subject
    url = re.search(r"http\S+/evaluation/partner/\S+", message.body).group()
    assert f"/partner/{activity.pk}/" in url
    assert activity.title in client.get(url.split("8000", 1)[-1]).content.decode()
    link.refresh_from_db()
    assert link.sent_at is not None


def test_nothing_is_mailed_before_the_commit(activity, group1, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        partner_link_create(activity=activity, user=group1, email="partner@example.net")
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_valid_link_shows_the_form_to_an_anonymous_visitor(client, link, activity):
    response = client.get(_url(link))
    page = response.content.decode()
    assert response.status_code == 200
    assert activity.title in page
    assert "Would you work with us again?" in page
    assert reverse("login") not in page  # contact-facing: no staff login link


def test_the_partners_pages_carry_the_sections_public_name(client, link, settings):
    """Contact-facing (issue 12): the Section's public name, not "Partnerdesk 0.1.0"."""
    for response in (client.get(_url(link)), client.get(_url(link, token="tampered"))):
        page = response.content.decode()
        assert settings.SECTION_NAME in page
        assert "Partnerdesk" not in page and reverse("login") not in page


def test_the_answer_is_stored_once_and_the_link_is_used(client, link):
    response = client.post(_url(link), ANSWERS)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    answer = PartnerAnswer.objects.get()
    assert (answer.activity, answer.work_again) == (link.activity, "yes")
    link.refresh_from_db()
    assert link.used_at is not None


def test_a_reused_link_gets_a_clear_page_and_stores_nothing(client, link):
    client.post(_url(link), ANSWERS)
    for response in (client.get(_url(link)), client.post(_url(link), ANSWERS)):
        assert response.status_code == 200
        assert "used already" in response.content.decode()
    assert PartnerAnswer.objects.count() == 1


def test_an_expired_link_gets_a_clear_page(client, link, settings):
    settings.EVALUATION_PARTNER_LINK_MAX_AGE = 3600
    url = _url(link)
    assert client.get(url).status_code == 200
    with time_machine.travel(datetime.timedelta(hours=2)):
        response = client.get(url)
        posted = client.post(url, ANSWERS)
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert posted.status_code == 410
    assert not PartnerAnswer.objects.exists()


@pytest.mark.parametrize(
    "tamper", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "nonsense"]
)
def test_a_tampered_link_gets_a_clear_page(client, link, tamper, settings):
    response = client.get(_url(link, token=tamper(partner_link_token(link))))
    assert response.status_code == 404
    page = response.content.decode()
    assert "This link is not valid" in page
    # The app's look (its stylesheet, the Section's name), not the bare error page.
    assert "css/partnerdesk.css" in page and settings.SECTION_NAME in page
    assert reverse("login") not in page


def test_a_link_for_another_activity_gets_a_clear_page(client, link):
    other = ActivityFactory()
    response = client.get(_url(link, activity_id=other.pk))
    assert response.status_code == 404
    assert "another activity" in response.content.decode()
    assert client.post(_url(link, activity_id=other.pk), ANSWERS).status_code == 404
    assert not PartnerAnswer.objects.exists()


def test_a_link_whose_row_was_deleted_is_not_valid(client, link):
    url = _url(link)
    PartnerLink.objects.all().delete()
    assert "not valid" in client.get(url).content.decode()


def test_the_partners_negative_effects_flag_a_risk_review(client, link):
    client.post(_url(link), {**ANSWERS, "negative_effects": "yes"})
    assert NextStep.objects.filter(kind="risk_review").count() == 1


def test_staff_see_the_partners_answer_beside_ours(client, link, staff, group1):
    from evaluation.services.evaluations import evaluation_save

    from .factories import all_answers

    client.post(_url(link), ANSWERS)
    evaluation_save(activity=link.activity, user=group1, answers=all_answers(), complete=True)
    client.force_login(staff)
    page = client.get(
        reverse("evaluation:activity_detail", args=[link.activity_id])
    ).content.decode()
    assert "Partner&#x27;s answer" in page or "Partner's answer" in page
    assert "Start the publicity earlier." in page


def test_the_form_sends_a_link_through_the_page(
    client, group1, activity, django_capture_on_commit_callbacks
):
    client.force_login(group1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluation:partner_link", args=[activity.pk]), {"email": "p@example.net"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["p@example.net"]


def test_a_link_sent_in_french_mails_and_opens_in_french(
    client, activity, group1, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = partner_link_create(
            activity=activity, user=group1, email="partenaire@example.net", language="fr"
        )
    message = mail.outbox[-1]
    assert message.subject == f"Comment s’est passée « {activity.title} » pour vous ?"
    assert message.body.startswith("Bonjour,")
    assert '<html lang="fr">' in message.alternatives[0][0]
    page = client.get(_url(link))
    assert page["Content-Language"] == "fr"
    html = page.content.decode()
    assert '<html lang="fr">' in html and "Envoyer mes réponses" in html
    assert 'id="language-select-nav"' in html  # the partner may switch


def test_the_partner_switches_the_form_to_another_language(client, activity, group1):
    link = partner_link_create(activity=activity, user=group1, email="p@example.net", language="fr")
    client.post(reverse("set_language"), {"language": "es", "next": _url(link)})
    assert "Enviar mis respuestas" in client.get(_url(link)).content.decode()


def test_a_link_without_a_language_mails_in_english(
    activity, group1, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partner_link_create(activity=activity, user=group1, email="p@example.net")
    assert mail.outbox[-1].body.startswith("Hello,")


def test_an_unknown_language_is_refused(activity, group1):
    from evaluation.services.common import EvaluationRefused

    with pytest.raises(EvaluationRefused):
        partner_link_create(activity=activity, user=group1, email="p@example.net", language="xx")
