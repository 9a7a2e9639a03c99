"""The register, the assessment pages, the organisation page's panel and timeline, reminders."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from dashboard.services.reminders import calendar_feed_ical, reminder_digest_send, reminder_items
from risk.models import RiskAssessment
from tests.factories import OrganisationFactory, PartnershipRequestFactory, assess_risk

pytestmark = pytest.mark.django_db
REGISTER = reverse("risk:register")


@pytest.fixture
def staff(role_user):
    return role_user(Role.SECTION_STAFF)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _cells(response) -> dict[tuple[int, int], int]:
    return {(c.likelihood, c.impact): c.count for row in response.context["heatmap"] for c in row}


@pytest.mark.parametrize("role", [Role.LOCAL_GROUP, None])
def test_the_register_is_for_staff_only(client, role_user, role):
    if role:
        client.force_login(role_user(role))
        assert client.get(REGISTER).status_code == 403
    else:
        assert client.get(REGISTER).status_code == 302


def test_the_heatmap_counts_residual_lines_and_the_table_shows_the_same(staff_client):
    assess_risk(OrganisationFactory(), residual=(1, 2))  # six lines at 1×2
    assess_risk(OrganisationFactory(), residual=(2, 3), blocking="legal")  # five at 2×3, one at 5×5
    response = staff_client.get(REGISTER)
    cells = _cells(response)
    assert cells[(1, 2)] == 6 and cells[(2, 3)] == 5 and cells[(5, 5)] == 1
    assert sum(cells.values()) == 12
    content = response.content.decode()
    assert 'id="risk-heatmap-table"' in content and "<caption>" in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"rating": "do_not_participate"}, {"Blocked"}),
        ({"rating": "low"}, {"Quiet"}),
        ({"status": "draft"}, {"Draft"}),
        ({"risk_type": "legal"}, {"Quiet", "Blocked", "Draft"}),
        ({"rating": "nonsense"}, {"Quiet", "Blocked", "Draft"}),  # an invalid filter is ignored
    ],
)
def test_the_register_filters(staff_client, params, expected):
    assess_risk(OrganisationFactory(), title="Quiet")
    assess_risk(OrganisationFactory(), title="Blocked", blocking="legal")
    assess_risk(OrganisationFactory(), title="Draft", complete=False, residual=(3, 3))
    response = staff_client.get(REGISTER, params)
    assert response.status_code == 200
    assert {a.title for a in response.context["assessments"]} == expected


def test_filtering_by_risk_type_narrows_the_heatmap_to_that_type(staff_client):
    assess_risk(OrganisationFactory(), blocking="legal")
    cells = _cells(staff_client.get(REGISTER, {"risk_type": "legal"}))
    assert cells[(5, 5)] == 1 and sum(cells.values()) == 1


@pytest.mark.parametrize(
    ("params", "lines"),
    [({}, 12), ({"status": "draft"}, 6), ({"rating": "nonsense"}, 12), ({"page": "1"}, 12)],
)
def test_the_heatmap_counts_the_lines_of_the_assessments_listed(staff_client, params, lines):
    # Unfiltered it counts every line from its index alone; any filter narrows it.
    assess_risk(OrganisationFactory(), residual=(1, 2))
    assess_risk(OrganisationFactory(), complete=False, residual=(3, 3))
    cells = _cells(staff_client.get(REGISTER, params))
    assert sum(cells.values()) == lines
    assert cells[(3, 3)] == 6 and cells[(1, 2)] == lines - 6


def test_filtering_by_organisation_includes_its_requests(staff_client):
    organisation = OrganisationFactory()
    assess_risk(organisation, title="Of the organisation")
    assess_risk(PartnershipRequestFactory(organisation=organisation), title="Of its request")
    assess_risk(OrganisationFactory(), title="Elsewhere")
    response = staff_client.get(REGISTER, {"organisation": organisation.pk})
    assert {a.title for a in response.context["assessments"]} == {"Of the organisation", "Of its request"}  # fmt: skip


def test_the_register_paginates_and_keeps_its_query_count(staff_client, django_assert_max_num_queries):  # fmt: skip
    for n in range(30):
        assess_risk(OrganisationFactory(), title=f"A{n}")
    with django_assert_max_num_queries(14):
        response = staff_client.get(REGISTER, {"page": "2"})
    assert len(response.context["assessments"]) == 5
    assert staff_client.get(REGISTER, {"page": "99"}).status_code == 200


def test_due_for_review_lists_reviews_within_the_notice_period(staff_client, settings):
    settings.RISK_REVIEW_NOTICE_DAYS = 14
    today = timezone.localdate()
    assess_risk(OrganisationFactory(), title="Soon", review_on=today + datetime.timedelta(days=10))
    assess_risk(OrganisationFactory(), title="Later", review_on=today + datetime.timedelta(days=60))
    response = staff_client.get(REGISTER)
    assert [a.title for a in response.context["due"]] == ["Soon"]


# --- Create and edit --------------------------------------------------------------------------


def _form_data(organisation, *, status="draft", lines=None, checks=True) -> dict:
    lines = lines or {}
    data = {
        "organisation": organisation.pk,
        "title": "Staff assessment",
        "assessed_on": timezone.localdate().isoformat(),
        "review_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
        "status": status,
        "lines-TOTAL_FORMS": "6",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "6",
    }
    for i, risk_type in enumerate(["political", "policy", "financial", "legal", "reputational", "physical"]):  # fmt: skip
        likelihood, impact = lines.get(risk_type, (2, 2))
        data.update({
            f"lines-{i}-risk_type": risk_type, f"lines-{i}-likelihood": "3", f"lines-{i}-impact": "3",
            f"lines-{i}-mitigation": "Plan", f"lines-{i}-residual_likelihood": str(likelihood),
            f"lines-{i}-residual_impact": str(impact),
        })  # fmt: skip
    if checks:
        for check in ["past_actions", "affiliations", "speakers", "major_parties", "religious", "indigenous"]:  # fmt: skip
            data[f"check_{check}"] = "on"
            data[f"check_{check}_note"] = "Done."
    return data


def test_staff_create_an_assessment_with_its_lines_and_see_the_rating(staff_client, staff):
    organisation = OrganisationFactory()
    url = reverse("risk:assessment_create") + f"?organisation={organisation.pk}"
    page = staff_client.get(url)
    assert page.status_code == 200
    assert len(page.context["formset"].forms) == 6
    response = staff_client.post(url, _form_data(organisation, status="complete", lines={"physical": (4, 5)}))  # fmt: skip
    assert response.status_code == 302
    assessment = RiskAssessment.objects.get()
    assert (assessment.rating, assessment.assessor, assessment.lines.count()) == ("do_not_participate", staff, 6)  # fmt: skip
    detail = staff_client.get(assessment.get_absolute_url()).content.decode()
    assert "Do not participate as partners" in detail


def test_completing_without_the_checks_shows_what_is_missing(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        reverse("risk:assessment_create"), _form_data(organisation, status="complete", checks=False)
    )
    assert response.status_code == 200
    assert "Tick every check with a note" in response.content.decode()
    assert not RiskAssessment.objects.exists()


def test_an_assessment_of_two_things_is_refused(staff_client):
    data = {
        **_form_data(OrganisationFactory()),
        "partnership_request": PartnershipRequestFactory().pk,
    }
    response = staff_client.post(reverse("risk:assessment_create"), data)
    assert response.status_code == 200
    assert "exactly one thing" in response.content.decode()


def test_editing_changes_a_line_and_the_rating_follows(staff_client):
    assessment = assess_risk(OrganisationFactory(), complete=False)
    url = reverse("risk:assessment_edit", args=[assessment.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    formset = page.context["formset"]
    data = {"organisation": assessment.organisation_id, "title": "", "status": "draft",
            "assessed_on": assessment.assessed_on.isoformat(), "review_on": "",
            "lines-TOTAL_FORMS": "6", "lines-INITIAL_FORMS": "6", "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "6"}  # fmt: skip
    for i, form in enumerate(formset.forms):
        line = form.instance
        data.update({f"lines-{i}-id": line.pk, f"lines-{i}-assessment": assessment.pk, f"lines-{i}-risk_type": line.risk_type,
                     f"lines-{i}-likelihood": line.likelihood, f"lines-{i}-impact": line.impact, f"lines-{i}-mitigation": "",
                     f"lines-{i}-residual_likelihood": 4 if line.risk_type == "policy" else 1,
                     f"lines-{i}-residual_impact": 4 if line.risk_type == "policy" else 1})  # fmt: skip
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assessment.refresh_from_db()
    assert assessment.rating == "high"


def test_a_local_group_cannot_reach_the_assessment_pages(client, role_user):
    client.force_login(role_user(Role.LOCAL_GROUP))
    assessment = assess_risk(OrganisationFactory())
    for url in (reverse("risk:assessment_create"), assessment.get_absolute_url(), reverse("risk:assessment_edit", args=[assessment.pk])):  # fmt: skip
        assert client.get(url).status_code == 403


# --- The organisation page and the admin --------------------------------------------------------


def test_the_organisation_page_shows_its_assessments_and_timeline_entries(staff_client):
    organisation = OrganisationFactory()
    assess_risk(organisation, title="Registry check", blocking="legal")
    response = staff_client.get(organisation.get_absolute_url())
    content = response.content.decode()
    assert "Risk assessments" in content and "Registry check" in content
    assert any(e.kind == "risk" and "do not participate" in e.title for e in response.context["timeline"])  # fmt: skip


def test_the_timeline_writes_the_review_date_in_the_readers_language():
    from django.utils import translation

    from partnerships.timeline import timeline_for

    organisation = OrganisationFactory()
    assess_risk(organisation, review_on=datetime.date(2027, 3, 5))
    with translation.override("fr"):
        [entry] = [e for e in timeline_for(organisation) if e.kind == "risk"]
    assert "réexamen d’ici le 5 mars 2027" in entry.detail, entry.detail


def test_staff_read_assessments_in_the_admin_but_cannot_change_them(client, role_user):
    assessment = assess_risk(OrganisationFactory())
    url = reverse("admin:risk_riskassessment_change", args=[assessment.pk])
    client.force_login(role_user(Role.SECTION_STAFF))
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    client.force_login(role_user(Role.COORDINATOR))
    assert client.get(url).context["has_change_permission"]


def test_the_admin_keeps_the_rating_in_step_with_the_inlines(client, role_user):
    assessment = assess_risk(OrganisationFactory(), complete=False)
    client.force_login(role_user(Role.COORDINATOR))
    url = reverse("admin:risk_riskassessment_change", args=[assessment.pk])
    page = client.get(url)
    data = {}
    for field, value in page.context["adminform"].form.initial.items():
        if value is not None and not isinstance(value, bool):
            data[field] = value.pk if hasattr(value, "pk") else value
        elif value is True:
            data[field] = "on"
    formset = page.context["inline_admin_formsets"][0].formset
    data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
    for i, form in enumerate(formset.forms):
        line = form.instance
        data.update({f"{formset.prefix}-{i}-{name}": getattr(line, name) for name in
                     ("id", "risk_type", "likelihood", "impact", "residual_likelihood", "residual_impact")})  # fmt: skip
        data[f"{formset.prefix}-{i}-assessment"] = assessment.pk
        if line.risk_type == "reputational":
            data[f"{formset.prefix}-{i}-residual_likelihood"] = 5
            data[f"{formset.prefix}-{i}-residual_impact"] = 5
    response = client.post(url, data)
    assert response.status_code == 302, page.context["adminform"].form.errors
    assessment.refresh_from_db()
    assert assessment.rating == "do_not_participate"


# --- Reminders ---------------------------------------------------------------------------------


def test_reviews_due_appear_in_the_assessors_reminders_and_calendar(staff, settings):
    settings.RISK_REVIEW_NOTICE_DAYS = 7
    today = datetime.date(2026, 6, 1)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)):
        soon = assess_risk(OrganisationFactory(name="Soon org"), assessor=staff, review_on=today + datetime.timedelta(days=3))  # fmt: skip
        assess_risk(OrganisationFactory(name="Later org"), assessor=staff, review_on=today + datetime.timedelta(days=30))  # fmt: skip
        assess_risk(OrganisationFactory(name="Draft org"), assessor=staff, complete=False)
        items = [i for i in reminder_items(user=staff, today=today) if i.kind == "Risk review"]
        assert [i.title for i in items] == ["Review Risk assessment of Soon org"]
        assert not items[0].overdue
        assert reminder_items(user=staff, today=today + datetime.timedelta(days=5))[0].overdue
        ical = calendar_feed_ical(user=staff).decode()
    assert f"risk-assessment-{soon.pk}-review" in ical
    assert "Review Risk assessment of Later org" in ical
    assert "Draft org" not in ical


def test_another_users_reviews_are_not_in_my_reminders(staff, role_user):
    assess_risk(OrganisationFactory(), assessor=role_user(Role.SECTION_STAFF), review_on=timezone.localdate())  # fmt: skip
    assert not [i for i in reminder_items(user=staff) if i.kind == "Risk review"]


def test_reviews_due_are_on_the_reminders_page(staff_client, staff):
    assess_risk(OrganisationFactory(name="Due org"), assessor=staff, review_on=timezone.localdate())
    content = staff_client.get(reverse("dashboard:reminders")).content.decode()
    assert "Review Risk assessment of Due org" in content


def test_reviews_due_are_in_the_daily_digest(staff, mailoutbox):
    assess_risk(OrganisationFactory(name="Digest org"), assessor=staff, review_on=timezone.localdate())  # fmt: skip
    assert reminder_digest_send(user=staff, today=timezone.localdate()) is not None
    assert "Review Risk assessment of Digest org" in mailoutbox[0].body
