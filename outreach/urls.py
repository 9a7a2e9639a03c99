from django.urls import path

from .views import approaches, contacts, imports

app_name = "outreach"

urlpatterns = [
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
    path("organisations/export.csv", imports.organisations_export, name="organisation_export"),
]
