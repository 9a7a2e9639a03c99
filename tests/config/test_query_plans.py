"""The main list queries can use an index on PostgreSQL, never only a sequential scan
of the big tables (issue 15).

A test database holds thousands of rows, not the bench's million, and at that size a
sequential scan is genuinely the cheaper plan. So each query is planned with
`enable_seqscan = off`: the planner then takes any index that can serve the query,
and still shows a `Seq Scan` only when no index can. For the ordered lists the plan
must also read rows in index order, with no `Sort` of the table.
"""

import json

import pytest
from django.db import connection

from outreach.models import Approach, Contact
from partnerships.models import Organisation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans"),
]

BIG_TABLES = {"partnerships_organisation", "outreach_contact", "outreach_approach"}
ROWS = 3000


@pytest.fixture
def data():
    Organisation.objects.bulk_create(
        Organisation(name=f"Harbour rights {n}", acronym=f"HR{n}", kind=("media", "school")[n % 2],
                     country="NL", name_key=f"harbour rights {n}", website_domain=f"hr{n}.org")
        for n in range(ROWS)
    )  # fmt: skip
    Contact.objects.bulk_create(
        Contact(
            first_name="Ada",
            last_name=f"Jansen {n}",
            email=f"ada{n}@example.org",
            mailing_consent=n % 2 == 0,
            consent_given_at="2026-01-01T00:00Z",
        )  # fmt: skip
        for n in range(ROWS)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")


def plan_of(queryset) -> list[dict]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    nodes, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.get("Plans", []))
    return nodes


def seq_scans(nodes: list[dict]) -> set[str]:
    return {n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"} & BIG_TABLES


def sorts(nodes: list[dict]) -> list[str]:
    return [n["Node Type"] for n in nodes if n["Node Type"] in {"Sort", "Incremental Sort"}]


def index_names(nodes: list[dict]) -> set[str]:
    return {n["Index Name"] for n in nodes if "Index Name" in n}


def test_organisation_list_reads_the_name_index_in_order(data):
    nodes = plan_of(Organisation.objects.order_by("name", "pk")[:25])
    assert seq_scans(nodes) == set() and sorts(nodes) == []
    assert "organisation_name_id" in index_names(nodes)


@pytest.mark.parametrize(
    ("field", "value", "index"),
    [
        ("kind", "media", "organisation_kind_name_id"),
        ("country", "NL", "organisation_country_name_id"),
        ("scope", "national", "organisation_scope_name_id"),
        ("relationship_status", "active", "organisation_status_name_id"),
    ],
)
def test_each_registry_filter_reads_its_index_in_order(data, field, value, index):
    # Each value a share of the registry, as in a real one: where every row matched, the
    # name index alone would rightly serve the page.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE partnerships_organisation SET "
            "country = (ARRAY['NL','BE','DE','FR','ES','IT','PT','PL','SE','DK'])[id % 10 + 1], "
            "scope = (ARRAY['local','national','international'])[id % 3 + 1], "
            "relationship_status = (ARRAY['prospect','contacted','active','dormant','ended',"
            "'declined'])[id % 6 + 1]"
        )
        cursor.execute("ANALYZE partnerships_organisation")
    page = Organisation.objects.filter(**{field: value}).order_by("name", "pk")[:25]
    nodes = plan_of(page)
    assert seq_scans(nodes) == set() and sorts(nodes) == []
    assert index in index_names(nodes)
    assert index in index_names(plan_of(Organisation.objects.filter(**{field: value}).order_by()))


def test_a_deep_page_reads_only_the_index(data):
    # On a test-sized table a sort of 2,025 rows can look cheaper than the index walk
    # that a registry of 100,000 needs: sorts are discouraged the way seq scans are.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
    keys = Organisation.objects.order_by("name", "pk").values_list("pk", flat=True)[2000:2025]
    nodes = plan_of(keys)
    assert seq_scans(nodes) == set() and sorts(nodes) == []
    assert "Index Only Scan" in {n["Node Type"] for n in nodes}


@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ("acronym__icontains", "organisation_acronym_upper_trgm"),
        ("website_domain__icontains", "organisation_website_domain_upper_trgm"),
        ("name_key__contains", "organisation_name_key_trgm"),
    ],
)
def test_organisation_search_fields_have_trigram_indexes(data, lookup, index):
    nodes = plan_of(Organisation.objects.filter(**{lookup: "r12"}).order_by())
    assert seq_scans(nodes) == set()
    assert index in index_names(nodes)


def test_organisation_search_as_a_whole_uses_indexes(data):
    # The name through its normalised key, the acronym and the domain: one bitmap.
    nodes = plan_of(Organisation.objects.search("harbour").order_by())
    assert seq_scans(nodes) == set()
    assert "BitmapOr" in {n["Node Type"] for n in nodes}


def test_contact_list_reads_the_name_index_in_order(data):
    visible = Contact.objects.filter(is_at_risk=False).order_by("last_name", "first_name", "pk")
    nodes = plan_of(visible[:25])
    assert seq_scans(nodes) == set() and sorts(nodes) == []
    assert "contact_name_id" in index_names(nodes)


def test_api_contact_list_reads_the_name_index_in_order(data):
    from outreach.api.contacts import ContactViewSet

    visible = Contact.objects.filter(is_at_risk=False).order_by(*ContactViewSet.ordering)
    nodes = plan_of(visible[:51])
    assert seq_scans(nodes) == set() and sorts(nodes) == []
    assert "contact_name_id" in index_names(nodes)


def test_may_be_mailed_reads_the_partial_index(data):
    # At a million rows PostgreSQL also counts mailable() with an index-only scan of
    # this index (the bench's EXPLAIN ANALYZE); at test size it would pick any index
    # for a count, so the test lists the audience in order, which only this index gives.
    audience = Contact.objects.mailable().order_by("last_name", "first_name", "pk")
    nodes = plan_of(audience[:25])
    assert seq_scans(nodes) == set() and sorts(nodes) == []
    assert "contact_mailable_name_id" in index_names(nodes)


def test_contact_search_uses_trigram_indexes(data):
    nodes = plan_of(Contact.objects.search("jansen").order_by())
    assert seq_scans(nodes) == set()
    assert {"contact_last_name_upper_trgm", "contact_email_upper_trgm"} <= index_names(nodes)


def test_a_contact_search_reads_its_matches_by_their_key(data):
    # The matches' ids first, then each contact through the primary key: as a join,
    # PostgreSQL read every contact to meet a common name's matches (the bench: a
    # sequential scan of a million rows for "jansen", 282 ms).
    page = Contact.objects.filter(is_at_risk=False).search("jansen")
    nodes = plan_of(page.order_by("last_name", "first_name", "pk")[:25])
    outer = index_conditions(nodes, "outreach_contact")
    assert any("id = ANY" in condition for condition in outer), outer


def test_due_follow_ups_read_the_partial_index(data):
    Approach.objects.bulk_create(
        Approach(
            organisation_id=Organisation.objects.order_by("pk").values("pk")[0]["pk"],
            ask="Sign",
            follow_up_on=f"2026-{1 + n % 12:02d}-01",
            followed_up_at=None if n % 3 else "2026-01-01T00:00Z",
        )  # fmt: skip
        for n in range(ROWS)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE outreach_approach")
    nodes = plan_of(Approach.objects.due().order_by())
    assert seq_scans(nodes) == set()
    assert "approach_open_follow_up" in index_names(nodes)


def test_approach_list_reads_its_index_in_order(data):
    nodes = plan_of(Approach.objects.order_by("-approached_on", "-pk")[:25])
    assert seq_scans(nodes) == set() and sorts(nodes) == []


def test_the_timelines_approaches_are_read_newest_first_through_the_organisation(data):
    # The branch is cut to the page's end: read in the organisation's own date order it
    # stops there; through the global date index it filtered its way past every other
    # organisation's approaches (11,178 rows on the bench for a page of 26).
    from outreach.timeline import approach_entries

    organisations = list(Organisation.objects.order_by("pk")[:100])
    contacts = list(Contact.objects.order_by("pk")[:100])
    Approach.objects.bulk_create(
        Approach(organisation=organisations[n % 100], contact=contacts[n % 100], ask="Sign",
                 why="Shared aims", approached_on=f"2026-{n % 12 + 1:02}-{n % 28 + 1:02}")
        for n in range(ROWS)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE outreach_approach")
        # 30 rows an organisation are sorted as cheaply as read in order; the bench's
        # 400 are not. Any order an index can give is taken, as seq scans above.
        cursor.execute("SET LOCAL enable_sort = off")
    nodes = plan_of(approach_entries.branch(0, organisations[0], top=26))
    read = [n for n in nodes if n.get("Index Name", "").startswith("approach_")]
    assert [n["Index Name"] for n in read] == ["approach_organisation_newest"]
    assert "organisation_id =" in read[0].get("Index Cond", "")
    assert sorts(nodes) == []


def test_assessments_concerning_an_organisation_read_indexes(data):
    # Of the organisation, of its requests, of its partnerships: each kind of id through
    # its own index (an OR of the three made PostgreSQL scan every assessment).
    from risk.models import RiskAssessment
    from tests.factories import PartnershipRequestFactory, UserFactory

    assessor = UserFactory()
    organisations = list(Organisation.objects.order_by("pk")[:300])
    RiskAssessment.objects.bulk_create(
        RiskAssessment(organisation=organisation, assessor=assessor, title="Checked")
        for organisation in organisations
    )
    request = PartnershipRequestFactory(organisation=organisations[0])
    RiskAssessment.objects.create(partnership_request=request, assessor=assessor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE risk_riskassessment")
        cursor.execute("ANALYZE partnerships_partnershiprequest")
    nodes = plan_of(RiskAssessment.objects.concerning(organisations[0]))
    scanned = {n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"}
    assert not scanned & {"risk_riskassessment", "partnerships_partnershiprequest"}
    assert RiskAssessment.objects.concerning(organisations[0]).count() == 2


def joins(nodes: list[dict]) -> list[str]:
    return [n["Node Type"] for n in nodes if n["Node Type"] in {"Hash Join", "Merge Join", "Nested Loop"}]  # fmt: skip


def index_conditions(nodes: list[dict], table: str) -> list[str]:
    return [n.get("Index Cond", "") for n in nodes if n.get("Relation Name") == table]


def test_assessments_concerning_an_organisation_read_each_set_of_ids_first(data):
    # The request and partnership ids, then the assessment ids, each read once and then
    # looked up through an index (config/queries.py): no join that PostgreSQL could walk
    # a whole table or index for (the bench's risk panel: 8 ms, now 3.5).
    from partnerships.models import Partnership
    from risk.models import RiskAssessment
    from tests.factories import PartnershipRequestFactory, UserFactory

    assessor, organisation = UserFactory(), Organisation.objects.order_by("pk").first()
    request = PartnershipRequestFactory(organisation=organisation)
    partnership = Partnership.objects.create(
        title="Planned", visibility="co_branded", starts_on="2026-01-01", lead=assessor
    )
    partnership.organisations.add(organisation)
    for target in ({"organisation": organisation}, {"partnership_request": request},
                   {"partnership": partnership}):  # fmt: skip
        RiskAssessment.objects.create(assessor=assessor, **target)
    nodes = plan_of(RiskAssessment.objects.concerning(organisation))
    assert joins(nodes) == []
    conditions = " ".join(index_conditions(nodes, "risk_riskassessment"))
    assert "partnership_request_id = ANY" in conditions and "id = ANY" in conditions
    assert RiskAssessment.objects.concerning(organisation).count() == 3


def test_an_organisations_evaluations_are_read_by_their_activities_ids(data):
    import datetime

    from evaluation.models import Evaluation, JointActivity
    from evaluation.timeline import evaluation_entries
    from tests.factories import CoalitionFactory, CoalitionMembershipFactory, UserFactory

    # Evaluations of many coalitions' activities: on empty tables any index will do.
    organisation, creator = Organisation.objects.order_by("pk").first(), UserFactory()
    coalitions = CoalitionFactory.create_batch(20)
    CoalitionMembershipFactory(coalition=coalitions[0], organisation=organisation)
    day = datetime.date(2026, 1, 1)
    activities = JointActivity.objects.bulk_create(
        JointActivity(coalition=coalitions[n % 20], created_by=creator, title=f"Stall {n}",
                      kind="provide_information", starts_on=day, ends_on=day)
        for n in range(600)
    )  # fmt: skip
    Evaluation.objects.bulk_create(
        Evaluation(activity=activity, created_by=creator) for activity in activities
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE evaluation_jointactivity")
        cursor.execute("ANALYZE evaluation_evaluation")
    # As the timeline reads it: its own branch of the UNION, in its own order.
    nodes = plan_of(evaluation_entries.branch(0, organisation, top=26))
    evaluations = index_conditions(nodes, "evaluation_evaluation")
    assert evaluations and all("activity_id = ANY" in condition for condition in evaluations)


def test_activities_to_evaluate_are_read_by_the_leads_partnership_ids(data):
    # The lead's partnerships first, then their activities through the partnership index
    # (the bench's reminders: 5.2 ms as a join that scanned every activity, 1.0 ms so).
    import datetime

    from evaluation.models import JointActivity
    from evaluation.selectors import _activities_to_evaluate
    from partnerships.models import Partnership
    from tests.evaluation.factories import ActivityFactory, PartnershipFactory
    from tests.factories import UserFactory

    # As at the bench, a lead has a few of many partnerships: the planner then expects
    # few activities from the lead's ids (with three partnerships, a third each).
    lead, other = UserFactory(), UserFactory()
    group = PartnershipFactory(lead=lead).local_group
    Partnership.objects.bulk_create(
        PartnershipFactory.build(local_group=group, lead=lead if n < 3 else other)
        for n in range(300)
    )
    JointActivity.objects.bulk_create(
        ActivityFactory.build(partnership=partnership, created_by=other)
        for partnership in Partnership.objects.all()
        for _ in range(5)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    nodes = plan_of(_activities_to_evaluate(lead, datetime.date(2026, 5, 12)))
    by_index = {n["Index Name"]: n.get("Index Cond", "") for n in nodes if "Index Name" in n}
    assert "partnership_id = ANY" in by_index.get(
        "evaluation_jointactivity_partnership_id_a91d6b22", ""
    ), by_index


def test_sector_organisation_counts_read_each_sectors_links_through_the_index(data):
    # A count per sector through the links' sector index, not a join of every link
    # grouped by sector (the bench's priorities: 7.1 ms, 2.2 ms so).
    from outreach.models import Sector

    sector = Sector.objects.create(name="Lawyers", slug="lawyers")
    sector.organisations.add(*Organisation.objects.order_by("pk")[:50])
    Sector.objects.create(name="Teachers", slug="teachers")
    nodes = plan_of(Sector.objects.with_organisation_count())
    assert not [n for n in nodes if "Group Key" in n]
    links = Sector.organisations.through._meta.db_table
    assert any("sector_id" in c for c in index_conditions_by_index(nodes, links))
    counts = Sector.objects.with_organisation_count().filter(slug__in=["lawyers", "teachers"])
    assert dict(counts.values_list("slug", "organisation_count")) == {"lawyers": 50, "teachers": 0}


def index_conditions_by_index(nodes: list[dict], table: str) -> list[str]:
    return [
        n.get("Index Cond", "")
        for n in nodes
        if n.get("Relation Name") == table or n.get("Index Name", "").startswith(table)
    ]


def test_the_risk_register_reads_its_orders_its_due_reviews_and_its_heatmap_from_indexes(data):
    # Without these indexes the register joined every assessment to what its rows name
    # and sorted them for each page (the bench: 238 ms a page at 20,000 assessments).
    import datetime

    from django.db.models import Count

    from risk import selectors
    from risk.models import RiskAssessment, RiskLine
    from risk.views import RegisterView
    from tests.factories import UserFactory

    assessor, day = UserFactory(), datetime.date(2026, 1, 1)
    RiskAssessment.objects.bulk_create(
        RiskAssessment(organisation=organisation, assessor=assessor, title="Checked",
                       status=("draft", "complete")[n % 2],
                       assessed_on=day + datetime.timedelta(days=n % 300),
                       review_on=day + datetime.timedelta(days=n % 300 + n % 7))
        for n, organisation in enumerate(Organisation.objects.order_by("pk"))
    )  # fmt: skip
    RiskLine.objects.bulk_create(
        RiskLine(assessment=assessment, risk_type=risk_type, likelihood=2, impact=3,
                 residual_likelihood=1 + assessment.pk % 5, residual_impact=1 + n)
        for assessment in RiskAssessment.objects.all()
        for n, risk_type in enumerate(("political", "legal"))
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE risk_riskassessment")
        cursor.execute("ANALYZE risk_riskline")
    register = selectors.register_assessments()
    orders = [("open", "risk_register_order"), ("review", "risk_review_order")]
    for option, index in orders:
        nodes = plan_of(register.order_by(*RegisterView.sort_options[option][1])[:25])
        assert index in index_names(nodes), option
        assert sorts(nodes) == [], option
    # The admin's list, in the model's own order.
    nodes = plan_of(register.order_by(*RiskAssessment._meta.ordering)[:100])
    assert "risk_assessed_order" in index_names(nodes) and sorts(nodes) == []
    due = register.due_for_review(today=day).order_by("review_on", "pk")[:20]
    nodes = plan_of(due)
    assert "risk_review_due" in index_names(nodes) and sorts(nodes) == []
    heatmap = RiskLine.objects.order_by().values("residual_likelihood", "residual_impact")
    nodes = plan_of(heatmap.annotate(n=Count("*")))
    read = [(n["Node Type"], n.get("Index Name")) for n in nodes if n.get("Relation Name") == "risk_riskline"]  # fmt: skip
    assert read == [("Index Only Scan", "risk_line_residual")]


def test_the_activity_list_reads_each_of_its_orders_from_an_index(data):
    # Without, PostgreSQL joined every activity to its partnership, coalition and
    # evaluation and sorted them all for each page (the bench: 18 ms at 10,000).
    import datetime

    from evaluation.models import Evaluation, JointActivity
    from evaluation.views import ActivityListView
    from tests.factories import CoalitionFactory, UserFactory

    coalition, creator, day = CoalitionFactory(), UserFactory(), datetime.date(2026, 1, 1)
    JointActivity.objects.bulk_create(
        JointActivity(coalition=coalition, created_by=creator, title=f"Stall {n}", kind="provide_information",
                      starts_on=day, ends_on=day + datetime.timedelta(days=n % 90))
        for n in range(ROWS)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE evaluation_jointactivity")
    activities = JointActivity.objects.select_related("partnership", "coalition", "evaluation")
    orders = {option: fields for option, (_, fields) in ActivityListView.sort_options.items()}
    orders["admin"] = JointActivity._meta.ordering
    for option, index in (
        ("newest", "activity_latest"), ("title", "activity_title"), ("admin", "activity_started")
    ):  # fmt: skip
        nodes = plan_of(activities.order_by(*orders[option])[:25])
        assert index in index_names(nodes), option
        assert sorts(nodes) == [], option
    # The admin's evaluations, in their own order.
    Evaluation.objects.bulk_create(
        Evaluation(activity=activity, created_by=creator,
                   completed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
                   + datetime.timedelta(hours=activity.pk % 500))
        for activity in JointActivity.objects.all()
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE evaluation_evaluation")
    evaluations = Evaluation.objects.select_related("activity")
    nodes = plan_of(evaluations.order_by(*Evaluation._meta.ordering)[:100])
    assert "evaluation_completed" in index_names(nodes) and sorts(nodes) == []


def test_the_access_logs_users_are_each_looked_up_in_the_log_by_their_index(data):
    # A join with DISTINCT read the whole log, which grows with every access to a person
    # at risk (the bench: 16 ms at 31,000 entries, twice a page).
    from outreach.filters import AccessLogFilter
    from outreach.models import AtRiskAccessLog
    from tests.factories import UserFactory

    users = UserFactory.create_batch(5)
    contacts = list(Contact.objects.order_by("pk")[:ROWS])
    AtRiskAccessLog.objects.bulk_create(
        AtRiskAccessLog(contact=contact, user=users[n % 4], action="view", page="/x/")
        for n, contact in enumerate(contacts)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE outreach_atriskaccesslog")
    nodes = plan_of(AccessLogFilter().form.fields["user"].queryset)
    conditions = index_conditions(nodes, "outreach_atriskaccesslog")
    assert conditions and all("user_id" in condition for condition in conditions), conditions


def _sort_pages():
    from outreach.filters import ApproachFilter, ContactFilter
    from partnerships.filters import OrganisationFilter

    for filterset in (OrganisationFilter, ContactFilter, ApproachFilter):
        for key in filterset.base_filters["sort"].param_map:
            for direction in ("", "-"):
                yield filterset, direction + key


@pytest.mark.parametrize(
    ("filterset", "sort"), list(_sort_pages()), ids=lambda v: getattr(v, "__name__", v)
)
def test_every_sortable_column_of_the_big_lists_reads_an_index_in_order(data, filterset, sort):
    # A header the user can click must not sort the whole table for a page (the bench:
    # "Last updated" sorted 100,000 organisations in 59 ms, a million contacts in 280).
    model = filterset._meta.model
    queryset = model.objects.filter(is_at_risk=False) if model is Contact else model.objects.all()
    page = filterset({"sort": sort}, queryset=queryset).qs[:25]
    nodes = plan_of(page)
    assert sorts(nodes) == [] and seq_scans(nodes) == set(), (sort, index_names(nodes))


def _api_orderings():
    from evaluation.api.activities import ActivityViewSet, EvaluationViewSet
    from outreach.api.contacts import ApproachViewSet, ContactViewSet
    from partnerships.api.organisations import OrganisationViewSet
    from partnerships.api.requests import PartnershipRequestViewSet
    from risk.api.assessments import RiskAssessmentViewSet

    for viewset in (ContactViewSet, ApproachViewSet, OrganisationViewSet,
                    PartnershipRequestViewSet, RiskAssessmentViewSet, ActivityViewSet,
                    EvaluationViewSet):  # fmt: skip
        yield viewset, tuple(viewset.ordering)
        for field in viewset.ordering_fields:
            for direction in ("", "-"):
                yield viewset, (direction + field,)


@pytest.mark.parametrize(
    ("viewset", "ordering"),
    list(_api_orderings()),
    ids=lambda v: getattr(v, "__name__", None) or ",".join(v),
)
def test_every_api_ordering_of_the_larger_tables_reads_an_index(data, viewset, ordering):
    # An API client pages through with ?ordering=: each order a client may ask for is
    # read from an index, not sorted whole for each page.
    model = viewset.queryset.model
    nodes = plan_of(model.objects.order_by(*ordering)[:50])
    assert sorts(nodes) == [], (ordering, index_names(nodes))
