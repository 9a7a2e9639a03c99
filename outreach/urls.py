from django.urls import path

from .views import (
    approaches,
    campaigns,
    contacts,
    imports,
    mailings,
    priorities,
    publications,
    structures,
)

app_name = "outreach"

urlpatterns = [
    path("", priorities.OutreachHomeView.as_view(), name="home"),
    path("priorities/", priorities.PrioritiesView.as_view(), name="priorities"),
    path("sectors/<slug:slug>/", priorities.SectorDetailView.as_view(), name="sector_detail"),
    path(
        "sectors/<slug:slug>/assess/", priorities.SectorAssessView.as_view(), name="sector_assess"
    ),
    path(
        "sectors/<slug:slug>/organisations/<int:organisation_pk>/add/",
        priorities.SectorOrganisationView.as_view(),
        {"action": "add"},
        name="sector_organisation_add",
    ),
    path(
        "sectors/<slug:slug>/organisations/<int:organisation_pk>/remove/",
        priorities.SectorOrganisationView.as_view(),
        {"action": "remove"},
        name="sector_organisation_remove",
    ),
    path("structures/", structures.StructureListView.as_view(), name="structure_list"),
    path("structures/new/", structures.StructureCreateView.as_view(), name="structure_create"),
    path("structures/<int:pk>/", structures.StructureDetailView.as_view(), name="structure_detail"),
    path(
        "structures/<int:pk>/edit/",
        structures.StructureUpdateView.as_view(),
        name="structure_update",
    ),
    path(
        "structures/<int:pk>/members/add/",
        structures.StructureMemberAddView.as_view(),
        name="structure_member_add",
    ),
    path(
        "structures/<int:pk>/members/<int:member_pk>/remove/",
        structures.StructureMemberRemoveView.as_view(),
        name="structure_member_remove",
    ),
    path(
        "structures/<int:pk>/mailings/new/",
        structures.NetworkMailingCreateView.as_view(),
        name="network_mailing_create",
    ),
    path(
        "structures/<int:pk>/mailings/<int:mailing_pk>/reports/new/",
        structures.ActionReportCreateView.as_view(),
        name="action_report_create",
    ),
    path("publications/", publications.PublicationListView.as_view(), name="publication_list"),
    path(
        "publications/new/",
        publications.PublicationCreateView.as_view(),
        name="publication_create",
    ),
    path(
        "publications/<int:pk>/",
        publications.PublicationDetailView.as_view(),
        name="publication_detail",
    ),
    path(
        "publications/<int:pk>/file/",
        publications.PublicationFileView.as_view(),
        name="publication_file",
    ),
    path(
        "publications/<int:pk>/edit/",
        publications.PublicationUpdateView.as_view(),
        name="publication_update",
    ),
    path(
        "keywords/autocomplete/",
        publications.KeywordAutocompleteView.as_view(),
        name="keyword_autocomplete",
    ),
    path("campaigns/", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path(
        "campaigns/<int:pk>/edit/", campaigns.CampaignUpdateView.as_view(), name="campaign_update"
    ),
    path(
        "campaigns/<int:pk>/organisations/<int:organisation_pk>/place/",
        campaigns.SpectrumPlaceView.as_view(),
        name="spectrum_place",
    ),
    path("contacts/", contacts.ContactListView.as_view(), name="contact_list"),
    path("contacts/new/", contacts.ContactCreateView.as_view(), name="contact_create"),
    path("contacts/export.csv", imports.contacts_export, name="contact_export"),
    path("contacts/access-log/", contacts.AccessLogListView.as_view(), name="access_log"),
    path("contacts/<int:pk>/", contacts.ContactDetailView.as_view(), name="contact_detail"),
    path("contacts/<int:pk>/edit/", contacts.ContactUpdateView.as_view(), name="contact_update"),
    path("contacts/<int:pk>/consent/", contacts.contact_give_consent, name="contact_consent"),
    path(
        "contacts/<int:pk>/consent/withdraw/",
        contacts.contact_withdraw_consent,
        name="contact_withdraw_consent",
    ),
    path(
        "contacts/<int:pk>/unsubscribe/", contacts.contact_unsubscribe, name="contact_unsubscribe"
    ),
    path("contacts/<int:pk>/bounced/", contacts.contact_mark_bounced, name="contact_bounced"),
    path("contacts/<int:pk>/employments/", contacts.employment_add, name="employment_add"),
    path(
        "contacts/<int:pk>/employments/<int:employment_pk>/remove/",
        contacts.employment_remove,
        name="employment_remove",
    ),
    path(
        "contacts/<int:pk>/employments/<int:employment_pk>/end/",
        contacts.employment_end,
        name="employment_end",
    ),
    path("approaches/", approaches.ApproachListView.as_view(), name="approach_list"),
    path("approaches/new/", approaches.ApproachCreateView.as_view(), name="approach_create"),
    path("approaches/<int:pk>/", approaches.ApproachDetailView.as_view(), name="approach_detail"),
    path(
        "approaches/<int:pk>/edit/", approaches.ApproachUpdateView.as_view(), name="approach_update"
    ),
    path(
        "approaches/<int:pk>/follow-up-done/",
        approaches.approach_follow_up_done,
        name="approach_follow_up_done",
    ),
    path("import/", imports.import_upload, name="import"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/jobs/<int:pk>/", imports.import_job_detail, name="import_job"),
    path("import/jobs/<int:pk>/progress/", imports.import_job_progress, name="import_job_progress"),
    path("import/jobs/<int:pk>/import/", imports.import_job_start, name="import_job_confirm"),
    path("organisations/export.csv", imports.organisations_export, name="organisation_export"),
    path("urgent-actions/", mailings.UrgentActionListView.as_view(), name="ua_list"),
    path("urgent-actions/new/", mailings.UrgentActionCreateView.as_view(), name="ua_create"),
    path("urgent-actions/<int:pk>/", mailings.UrgentActionDetailView.as_view(), name="ua_detail"),
    path(
        "urgent-actions/<int:pk>/edit/",
        mailings.UrgentActionUpdateView.as_view(),
        name="ua_edit",
    ),
    path("urgent-actions/<int:pk>/approve/", mailings.urgent_action_approve, name="ua_approve"),
    path("urgent-actions/<int:pk>/cancel/", mailings.urgent_action_cancel, name="ua_cancel"),
    path("urgent-actions/<int:pk>/send/", mailings.urgent_action_send, name="ua_send"),
    path("mailings/<int:pk>/", mailings.MailingDetailView.as_view(), name="mailing_detail"),
    path("mailings/<int:pk>/progress/", mailings.mailing_progress_view, name="mailing_progress"),
    path("preferences/<str:token>/", mailings.contact_preferences, name="preferences"),
    path("unsubscribe/<str:token>/", mailings.contact_unsubscribe, name="unsubscribe"),
]
