"""The advice inside a local group's request form: live, kept with the request, shown to
the coordinator beside the proposed visibility."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from partnerships.models import PartnershipRequest
from risk.advisor import advise_json
from risk.models import RequestAdvice
from tests.factories import OrganisationFactory, PartnershipRequestFactory

pytestmark = pytest.mark.django_db
PREVIEW = reverse("risk:advice_preview")


@pytest.fixture
def group_user(role_user):
    return role_user(Role.LOCAL_GROUP)


@pytest.fixture
def group_client(client, group_user):
    client.force_login(group_user)
    return client


def _form(**fields) -> dict:
    return {
        "activity_title": "Pride match",
        "visibility": "co_branded",
        "advice-token": str(uuid.uuid4()),
        "advice-our_role": "co_organiser",
        "advice-organisers": "",
        "advice-speakers": "",
        "advice-message_aligned": "on",
        **fields,
    }


def _request_fields(organisation) -> dict:
    return {
        "purposes": ["new_audiences"], "methods": ["campaigning"], "activity_title": "Pride match",
        "activity_description": "A match.", "activity_starts_on": "2030-05-01", "activity_ends_on": "",
        "activity_place": "Utrecht", "expected_public": "200 fans", "visibility": "co_branded",
        "partner_gains": "Fans.", "partner_demands": "Little.",
    }  # fmt: skip


def test_the_request_form_has_the_advice_section(group_client):
    organisation = OrganisationFactory()
    url = reverse("partnerships:request_create") + f"?organisation={organisation.pk}"
    content = group_client.get(url).content.decode()
    assert 'id="request-advice"' in content
    assert f'hx-post="{PREVIEW}"' in content
    assert f'name="advice-organisation" value="{organisation.pk}"' in content


def test_the_advice_changes_when_a_party_political_speaker_is_added(group_client):
    organisation = OrganisationFactory(kind="community")
    data = _form(**{"advice-organisation": organisation.pk})
    before = group_client.post(PREVIEW, data)
    assert before.context["advice"]["recommendation"] == "partner_branded"
    after = group_client.post(PREVIEW, {**data, "advice-speakers": "Jan; mp; Labour"})
    assert after.context["advice"]["recommendation"] == "reconsider"
    assert 'data-value="reconsider"' in after.content.decode()


def test_a_proposed_visibility_unlike_the_advice_is_pointed_out(group_client):
    organisation = OrganisationFactory(indigenous_led=True)
    response = group_client.post(PREVIEW, _form(**{"advice-organisation": organisation.pk}))
    assert response.context["advice"]["visibility"] == "unbranded"
    assert "You propose co-branded" in response.content.decode()


def test_a_badly_described_speaker_is_explained_not_an_error(group_client):
    response = group_client.post(PREVIEW, _form(**{"advice-speakers": "Jan; king"}))
    assert response.status_code == 200
    assert "speakers[0].role" in response.content.decode()


def test_without_a_title_there_is_no_advice_yet(group_client):
    response = group_client.post(PREVIEW, _form(activity_title=""))
    assert "title: is required." in response.content.decode()


def test_the_advice_shown_is_kept_with_the_new_request(group_client, group_user):
    organisation = OrganisationFactory()
    token = str(uuid.uuid4())
    group_client.post(PREVIEW, _form(**{"advice-token": token, "advice-organisation": organisation.pk,
                                        "advice-speakers": "Jan; councillor"}))  # fmt: skip
    assert RequestAdvice.objects.get(token=token).partnership_request is None
    url = reverse("partnerships:request_create") + f"?organisation={organisation.pk}"
    response = group_client.post(url, {**_request_fields(organisation), "submit": "1"})
    assert response.status_code == 302
    created = PartnershipRequest.objects.get()
    advice = RequestAdvice.objects.get(partnership_request=created)
    assert advice.recommendation == "reconsider"
    assert advice.event["speakers"] == [{"name": "Jan", "role": "councillor"}]


def test_the_advice_on_a_draft_is_updated_and_frozen_once_submitted(client, group_user):
    client.force_login(group_user)
    draft = PartnershipRequestFactory(local_group=group_user.local_group, status="draft")
    client.post(PREVIEW, _form(**{"advice-request": draft.pk}))
    assert RequestAdvice.objects.get(partnership_request=draft).recommendation == "partner_branded"
    client.post(PREVIEW, _form(**{"advice-request": draft.pk, "advice-our_role": "attendee"}))
    assert RequestAdvice.objects.get(partnership_request=draft).recommendation == "attend_without_partnering"  # fmt: skip
    edit = client.get(reverse("partnerships:request_edit", args=[draft.pk])).content.decode()
    assert 'value="attendee" selected' in edit
    PartnershipRequest.objects.filter(pk=draft.pk).update(status="submitted")
    client.post(PREVIEW, _form(**{"advice-request": draft.pk, "advice-our_role": "organiser"}))
    assert RequestAdvice.objects.get(partnership_request=draft).recommendation == "attend_without_partnering"  # fmt: skip


def test_another_groups_draft_is_not_touched(client, group_user, role_user):
    other = PartnershipRequestFactory(status="draft")
    client.force_login(group_user)
    client.post(PREVIEW, _form(**{"advice-request": other.pk}))
    assert not RequestAdvice.objects.filter(partnership_request=other).exists()


def test_staff_get_advice_without_anything_being_stored(client, role_user):
    client.force_login(role_user(Role.SECTION_STAFF))
    assert client.get(reverse("risk:advice")).status_code == 200
    response = client.post(PREVIEW, _form(**{"advice-title": "Forum"}))
    assert response.context["advice"]["recommendation"] == "partner_branded"
    assert not RequestAdvice.objects.exists()


def test_a_user_without_a_role_gets_no_advice(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(PREVIEW, _form()).status_code == 403


def test_the_coordinator_sees_proposed_and_advised_visibility_side_by_side(client, role_user, group_user):  # fmt: skip
    request = PartnershipRequestFactory(local_group=group_user.local_group, visibility="branded")
    RequestAdvice.objects.create(
        partnership_request=request, token=str(uuid.uuid4()), asked_by=group_user, event={"title": "x"},
        advice={"recommendation": "partner_unbranded", "visibility": "unbranded", "conditions": ["Be silent."], "reasons": []},
        recommendation="partner_unbranded", visibility="unbranded",
    )  # fmt: skip
    client.force_login(role_user(Role.COORDINATOR))
    content = client.get(reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])).content.decode()  # fmt: skip
    assert 'id="risk-visibility"' in content
    assert "Amnesty-branded" in content and "Unbranded (silent partner)" in content
    assert "(differs)" in content and "Be silent." in content


def _advice_given_in_english(request, group_user, event: dict) -> RequestAdvice:
    with translation.override("en"):
        advice = advise_json(event)
    return RequestAdvice.objects.create(
        partnership_request=request, token=str(uuid.uuid4()), asked_by=group_user,
        event=event, advice=advice,
        recommendation=advice["recommendation"], visibility=advice["visibility"],
    )  # fmt: skip


ELECTION_EVENT = {"title": "Debate", "our_role": "organiser", "during_election": True}
ELECTION_CONDITION_EN = "Make sure the event does not endorse any candidate or party"


def test_a_french_coordinator_reads_the_english_groups_advice_in_french(client, role_user, group_user):  # fmt: skip
    request = PartnershipRequestFactory(local_group=group_user.local_group)
    _advice_given_in_english(request, group_user, ELECTION_EVENT)
    client.force_login(role_user(Role.COORDINATOR, language="fr"))
    content = client.get(reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])).content.decode()  # fmt: skip
    with translation.override("fr"):
        condition_fr = translation.gettext(
            "Make sure the event does not endorse any candidate or party and does not direct "
            "voters how to cast their ballot."
        )
        label_fr = translation.gettext("Partner, with our branding")
    assert condition_fr != ELECTION_CONDITION_EN and condition_fr in content
    assert ELECTION_CONDITION_EN not in content
    assert label_fr in content and "partner_branded</td>" not in content


def test_advice_the_rules_would_now_give_differently_is_shown_as_it_was_given(client, role_user, group_user):  # fmt: skip
    request = PartnershipRequestFactory(local_group=group_user.local_group)
    given = _advice_given_in_english(request, group_user, ELECTION_EVENT)
    # As if the rules had changed since: the stored outcome is no longer today's.
    given.advice = {
        **given.advice,
        "recommendation": "reconsider",
        "conditions": ["Ask the office."],
    }
    given.recommendation = "reconsider"
    given.save()
    client.force_login(role_user(Role.COORDINATOR, language="fr"))
    content = client.get(reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])).content.decode()  # fmt: skip
    assert "Ask the office." in content
    with translation.override("fr"):
        assert (
            translation.gettext("Reconsider: do not partner unless the conditions are met")
            in content
        )


def test_the_reasons_frame_the_guides_english_quote_in_the_readers_language():
    with translation.override("fr"):
        reasons = advise_json(ELECTION_EVENT)["reasons"]
    assert all(" Guide des partenariats : " in reason["text"] for reason in reasons)
    assert not any("Partnership Guide:" in reason["text"] for reason in reasons)


def test_advice_whose_conditions_the_rules_now_word_differently_is_shown_as_given(client, role_user, group_user):  # fmt: skip
    request = PartnershipRequestFactory(local_group=group_user.local_group)
    given = _advice_given_in_english(request, group_user, ELECTION_EVENT)
    # Same recommendation and visibility as today's rules, but other words then.
    given.advice = {**given.advice, "conditions": ["No banners on the stage."]}
    given.save()
    client.force_login(role_user(Role.COORDINATOR, language="fr"))
    content = client.get(reverse("admin:partnerships_partnershiprequest_change", args=[request.pk])).content.decode()  # fmt: skip
    assert "No banners on the stage." in content
