"""Switching languages, the user's remembered choice, and mail in a contact's language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from outreach.models import MailingKind, UrgentActionTranslation
from outreach.services import mailings as services
from tests.factories import ContactFactory, UrgentActionFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_switches_the_login_page_to_french(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    page = client.get(reverse("login"))
    assert page["Content-Language"] == "fr"
    assert '<html lang="fr">' in page.content.decode()


def test_a_users_choice_is_saved_and_follows_them_to_a_new_session(client, role_user):
    staff = role_user(Role.SECTION_STAFF)
    client.force_login(staff)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    staff.refresh_from_db()
    assert staff.language == "es"
    client.cookies.clear()  # another browser
    client.force_login(staff)
    response = client.get(reverse("dashboard:home"))
    assert response["Content-Language"] == "es"


def test_an_unknown_language_changes_nothing(client, role_user):
    staff = role_user(Role.SECTION_STAFF)
    client.force_login(staff)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    staff.refresh_from_db()
    assert staff.language == ""


def test_the_switcher_is_in_the_navigation_and_on_contact_pages(client, role_user):
    from outreach.services.mailing_messages import contact_token

    page = client.get(reverse("outreach:preferences", args=[contact_token(ContactFactory().pk)]))
    html = page.content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert '<option value="fr" lang="fr"' in html
    client.force_login(role_user(Role.SECTION_STAFF))
    assert (
        f'action="{reverse("set_language")}"'
        in client.get(reverse("dashboard:home")).content.decode()
    )


def test_a_french_contact_receives_the_french_version_and_others_the_original(
    role_user, django_capture_on_commit_callbacks
):
    ua = UrgentActionFactory(approved=True, title="Lawyer detained", occupations="lawyer")
    UrgentActionTranslation.objects.create(
        urgent_action=ua,
        language="fr",
        title="Avocate détenue",
        summary="Une avocate est détenue au secret.",
        body="Écrivez au **ministre**.",
    )
    ContactFactory(occupation="lawyer", language="fr", email="fr@example.org")
    ContactFactory(occupation="lawyer", language="es", email="es@example.org")  # no Spanish version
    ContactFactory(occupation="lawyer", email="en@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.mailing_create(
            urgent_action=ua, user=role_user(Role.SECTION_STAFF), kind=MailingKind.ISSUED
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    french = by_address["fr@example.org"]
    assert "Avocate détenue" in french.subject
    assert "Une avocate est détenue au secret." in french.body
    assert "<strong>ministre</strong>" in french.alternatives[0][0]
    assert french.body.startswith("Bonjour ")  # the frame is French too
    for address in ["es@example.org", "en@example.org"]:
        assert "Lawyer detained" in by_address[address].subject
        assert by_address[address].body.startswith("Dear ")


def test_pages_render_in_french_after_switching(client, role_user):
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    assert "Se connecter" in client.get(reverse("login")).content.decode()
    client.force_login(role_user(Role.SECTION_STAFF))
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "Qu’est-ce qui m’attend aujourd’hui ?" in html
    assert "Tableau de bord" in html  # the navigation


def test_the_admin_shows_dates_day_before_month_with_a_24_hour_clock(client, role_user):
    import datetime

    from django.utils import timezone

    from tests.factories import PartnershipRequestFactory

    request = PartnershipRequestFactory(
        submitted_at=datetime.datetime(2026, 12, 1, 20, 53, tzinfo=timezone.get_current_timezone())
    )
    client.force_login(role_user(Role.COORDINATOR))
    html = client.get(
        reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    ).content.decode()
    assert "1 Dec 2026, 20:53" in html


def test_a_group_that_chose_spanish_is_told_of_a_decision_in_spanish(role_user):
    from partnerships.models import RequestEvent
    from partnerships.services.requests import request_event_notify
    from tests.factories import PartnershipRequestFactory

    group_user = role_user(Role.LOCAL_GROUP, language="es")
    request = PartnershipRequestFactory(
        local_group=group_user.local_group, created_by=group_user, activity_title="Feria"
    )
    event = RequestEvent.objects.create(request=request, to_status="approved", comment="Bien.")
    assert request_event_notify(event_id=event.pk) == 1
    message = mail.outbox[-1]
    assert message.subject == "Su solicitud de colaboración «Feria»: aprobada"
    assert message.body.startswith(f"Estimado grupo {group_user.local_group.name}:")


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "1 déc. 2026 20:53"), ("es", "1 dic 2026 20:53")]
)
def test_the_admin_follows_the_coordinators_language_for_dates(
    client, role_user, language, expected
):
    import datetime

    from django.utils import timezone

    from tests.factories import PartnershipRequestFactory

    request = PartnershipRequestFactory(
        submitted_at=datetime.datetime(2026, 12, 1, 20, 53, tzinfo=timezone.get_current_timezone())
    )
    client.force_login(role_user(Role.COORDINATOR, language=language))
    html = client.get(
        reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])
    ).content.decode()
    assert expected in html


def test_the_heatmap_and_the_review_page_speak_french(client, role_user):
    from tests.factories import OrganisationFactory, assess_risk

    assess_risk(OrganisationFactory(), residual=(2, 3))
    client.force_login(role_user(Role.SECTION_STAFF, language="fr"))
    data = client.get(reverse("dashboard:chart_json", args=["risk"])).json()
    assert data["title"] == "Carte des risques : probabilité et impact après atténuation"
    register = client.get(reverse("risk:register")).content.decode()
    assert "Registre des risques" in register and "Risque résiduel après atténuation" in register


def test_form_texts_built_before_the_language_is_known_read_in_it():
    # The API builds its input schemas from these forms at import, in no language yet.
    from evaluation.forms import EvaluationForm
    from outreach.forms.contacts import ApproachForm
    from outreach.forms.fields import KeywordsField
    from partnerships.forms.decisions import ChecklistForm
    from partnerships.forms.requests import method_choices

    checklist, evaluation, methods = ChecklistForm(), EvaluationForm(), dict(method_choices())
    with translation.override("fr"):
        assert str(evaluation.fields["overall_rating"].choices[4][1]) == "4 sur 5"
        assert str(methods["provide_information"]).endswith(" — sans autorisation")
        assert str(checklist.fields["q1"].label).startswith("1. Cela nous sera-t-il utile")
        assert str(ApproachForm.base_fields["check_right_person"].label) == (
            "Nous avons identifié la bonne personne à contacter"
        )
        assert str(KeywordsField().help_text).startswith("Séparez les mots-clés")
