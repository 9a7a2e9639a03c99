from django.urls import path

from .views import coalitions, organisations, pickers, requests, support

app_name = "partnerships"

urlpatterns = [
    path("requests/mine/", requests.MyRequestsView.as_view(), name="my_requests"),
    path(
        "requests/new/",
        requests.OrganisationPickView.as_view(),
        name="request_pick_organisation",
    ),
    path("requests/new/details/", requests.RequestCreateView.as_view(), name="request_create"),
    path("requests/<int:pk>/", requests.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", requests.RequestUpdateView.as_view(), name="request_edit"),
    path("requests/<int:pk>/submit/", requests.request_submit, name="request_submit"),
    path("requests/<int:pk>/answer/", requests.request_answer, name="request_answer"),
    path(
        "requests/<int:pk>/withdraw/",
        requests.RequestWithdrawView.as_view(),
        name="request_withdraw",
    ),
]

urlpatterns += [
    path("organisations/", organisations.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", organisations.OrganisationCreateView.as_view(), name="organisation_create"),
    path("organisations/pick/", pickers.OrganisationPickerView.as_view(), name="organisation_picker"),
    path("organisations/matches/", organisations.organisation_matches, name="organisation_matches"),
    path("organisations/<int:pk>/", organisations.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", organisations.OrganisationUpdateView.as_view(), name="organisation_update"),
    path("organisations/<int:pk>/merge/", organisations.organisation_merge_view, name="organisation_merge"),
    path("organisations/<int:pk>/dormant/", organisations.organisation_dormant, name="organisation_dormant"),
    path("coalitions/", coalitions.CoalitionListView.as_view(), name="coalition_list"),
    path("coalitions/new/", coalitions.CoalitionCreateView.as_view(), name="coalition_create"),
    path("coalitions/<int:pk>/", coalitions.CoalitionDetailView.as_view(), name="coalition_detail"),
    path("coalitions/<int:pk>/edit/", coalitions.CoalitionUpdateView.as_view(), name="coalition_update"),
    path("coalitions/<int:coalition_pk>/meetings/new/", coalitions.MeetingCreateView.as_view(), name="meeting_create"),
    path("coalitions/<int:coalition_pk>/meetings/<int:pk>/edit/", coalitions.MeetingUpdateView.as_view(), name="meeting_update"),
    path("coalitions/<int:coalition_pk>/statements/new/", coalitions.StatementCreateView.as_view(), name="statement_create"),
    path("statements/<int:pk>/", coalitions.StatementDetailView.as_view(), name="statement_detail"),
    path("statements/<int:pk>/agree/", coalitions.statement_agree, name="statement_agree"),
    path("statements/<int:pk>/withdraw/<int:organisation_pk>/", coalitions.statement_withdraw, name="statement_withdraw"),
    path("statements/<int:pk>/section/", coalitions.statement_section_agreement, name="statement_section_agreement"),
    path("statements/<int:pk>/issue/", coalitions.statement_issue_view, name="statement_issue"),
    path("support/", support.SupportRequestListView.as_view(), name="support_list"),
    path("support/new/", support.SupportRequestCreateView.as_view(), name="support_create"),
    path("support/<int:pk>/", support.SupportRequestDetailView.as_view(), name="support_detail"),
    path("support/<int:pk>/decide/", support.support_request_decide_view, name="support_decide"),
]  # fmt: skip
