"""Queries per page stay constant as the data grows, and never above 15 (issue 15).

Each page is rendered with a small and a larger data set (more organisations,
contacts, approaches, requests and a longer timeline); the two counts must agree,
so no list or timeline fetches per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from config import pagination
from evaluation.models import Evaluation, JointActivity
from outreach.models import Approach, Contact, Employment, Sector
from partnerships.models import Organisation, Partnership, PartnershipRequest
from risk.models import RiskAssessment
from tests.factories import LocalGroupFactory, PartnershipRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
# What each page runs today (all within MAX_QUERIES): a page that starts fetching more
# fails here first. Four of them are every page's: the session, the user, and the
# user's groups with both kinds of permissions in one (accounts.roles).
BUDGET = {
    "organisation_list": 7, "organisation_search": 6, "organisation_filtered": 7,
    "organisation_deep_page": 8,
    # The whole timeline, every app's source, is one query (partnerships.timeline).
    "organisation_detail": 11,
    "contact_list": 10, "contact_filtered": 11, "contact_search": 10, "contact_detail": 10,
    "approach_list": 8, "approach_create": 5, "organisation_merge": 5, "review_queue": 7,
    # The review page: 13, and the lines of the request's risk assessment when it has one.
    # The dashboard, caches warm: only requests waiting and mailings in progress are
    # live (issue 15; 14 on a cold cache, tests/dashboard/test_home.py).
    "review_page": 14, "dashboard": 5, "reminders": 10, "priorities": 5,
    "relationship_check": 4, "api_organisations": 4, "api_contacts": 9,
}  # fmt: skip


def grow(size: int, staff) -> dict:
    """`size` more rows of each kind, tied to the first organisation and contact."""
    group = LocalGroupFactory(name="Query count group")
    group_user = UserFactory(local_group=group, username="query-count-group")
    sector, _ = Sector.objects.get_or_create(slug="query-count", defaults={"name": "Query count"})
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Counted organisation {start + n}",
            kind="media",
            country="NL",
            relationship_owner=staff,
        )  # fmt: skip
        for n in range(size)
    )
    contacts = Contact.objects.bulk_create(
        Contact(first_name="Counted", last_name=f"Person {start + n}", owner=staff)
        for n in range(size)
    )
    first_org, first_contact = (
        Organisation.objects.order_by("pk")[0],
        Contact.objects.order_by("pk")[0],
    )
    sector.contacts.add(*contacts)
    Employment.objects.bulk_create(
        [
            Employment(contact=c, organisation=o)
            for c, o in zip(contacts, organisations, strict=True)
        ]
        + [Employment(contact=first_contact, organisation=o) for o in organisations]
    )
    Approach.objects.bulk_create(
        [
            Approach(
                contact=c,
                organisation=first_org,
                ask="Sign",
                follow_up_on="2026-01-01",
                follow_up_owner=staff,
                created_by=staff,
            )
            for c in contacts
        ]  # fmt: skip
        + [Approach(contact=first_contact, ask="Write", created_by=staff) for _ in contacts]
    )
    for n in range(max(1, size // 10)):
        request = PartnershipRequestFactory(
            local_group=group, created_by=group_user, organisation=first_org
        )
        partnership = Partnership.objects.create(
            title=f"Counted partnership {start + n}", visibility="co_branded",
            starts_on="2026-01-01", lead=staff,
        )  # fmt: skip
        partnership.organisations.add(first_org, organisations[n])
        # Risk assessments of the request and of the organisation, named after what they
        # assess (the timeline and the risk panel), and evaluated activities.
        RiskAssessment.objects.create(partnership_request=request, assessor=staff)
        RiskAssessment.objects.create(organisation=first_org, assessor=staff)
        activity = JointActivity.objects.create(
            partnership=partnership, title=f"Counted activity {start + n}", kind="campaigning",
            starts_on="2026-01-02", ends_on="2026-01-03", run_by="section_staff",
            created_by=staff,
        )  # fmt: skip
        Evaluation.objects.create(activity=activity, created_by=staff)
    return {"organisation": first_org, "contact": first_contact, "sector": sector}


def pages(ids: dict) -> dict[str, tuple[str, Role]]:
    org, contact, sector = ids["organisation"].pk, ids["contact"].pk, ids["sector"].pk
    waiting = PartnershipRequest.objects.filter(status="submitted").order_by("pk").first()
    staff, coordinator = Role.SECTION_STAFF, Role.COORDINATOR
    return {
        "organisation_list": ("/organisations/", staff),
        "organisation_search": ("/organisations/?q=counted", staff),
        "organisation_filtered": ("/organisations/?kind=media&country=NL", staff),
        "organisation_deep_page": ("/organisations/?page=3", staff),
        "organisation_detail": (f"/organisations/{org}/", staff),
        "contact_list": ("/outreach/contacts/", staff),
        "contact_filtered": (f"/outreach/contacts/?sector={sector}&consent=no", staff),
        "contact_search": ("/outreach/contacts/?q=counted", staff),
        "contact_detail": (f"/outreach/contacts/{contact}/", staff),
        "approach_list": ("/outreach/approaches/", staff),
        "approach_create": ("/outreach/approaches/new/", staff),
        "organisation_merge": (f"/organisations/{org}/merge/", staff),
        "review_queue": ("/admin/partnerships/partnershiprequest/queue/", coordinator),
        "review_page": (f"/admin/partnerships/partnershiprequest/{waiting.pk}/change/", coordinator),
        "dashboard": ("/", staff),
        "reminders": ("/reminders/", staff),
        "priorities": ("/outreach/priorities/", staff),
        "relationship_check": ("/organisations/matches/?name=Counted+organisation+1", staff),
        "api_organisations": ("/api/organisations/", staff),
        "api_contacts": ("/api/contacts/", staff),
    }  # fmt: skip


def count_queries(client, users, path: str, role: Role) -> int:
    client.force_login(users[role])
    client.get(path)  # the first request may fill per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_queries_per_page_do_not_grow_with_the_data(client, role_user, monkeypatch):
    # Page 3 of 25 rows takes the deep-page path (keys first) at this size.
    monkeypatch.setattr(pagination, "DEEP_OFFSET", 50)
    users = {role: role_user(role) for role in (Role.SECTION_STAFF, Role.COORDINATOR)}
    ids = grow(80, users[Role.SECTION_STAFF])
    small = {name: count_queries(client, users, *page) for name, page in pages(ids).items()}
    grow(160, users[Role.SECTION_STAFF])
    large = {name: count_queries(client, users, *page) for name, page in pages(ids).items()}
    assert large == small
    over = {name: n for name, n in large.items() if n > min(BUDGET[name], MAX_QUERIES)}
    assert over == {}
