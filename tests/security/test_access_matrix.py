"""The access matrix: every named URL pattern × six roles, declared in ONE table below.

A URL pattern without a row fails the test, so a new page cannot ship untested; a row
without a pattern fails too, so the table does not rot. Each row lists the outcome for

    anonymous  group1  group2  staff  coordinator  superuser

(codes in tests/security/access_matrix.py: 200 page, L login redirect, 302 redirect,
403, 404, 405). Objects belong to local group 1 (group 2 meets another group's
request). Every role refused a URL (L, 403, 404) also POSTs to it: that must write
nothing, and the row counts of every table are compared before and after.

Adding the API (or any app) is a table edit: one row per named pattern; a `pk` means
the world object named for the URL's prefix in access_matrix.PK_OBJECT.

Set ACCESS_MATRIX_PRINT=1 to print the observed table instead of failing (to write the
rows of new pages, then check every cell by hand before pasting it in).
"""

import logging
import os

import pytest

from .access_matrix import (
    DENIED,
    ROLES,
    WriteWatch,
    build_world,
    named_patterns,
    outcome,
    request,
    reverse_for,
    row_counts,
)

pytestmark = pytest.mark.django_db

# Profiles shared by many rows.
PUBLIC = "200 200 200 200 200 200"
STAFF = "L 403 403 200 200 200"  # Section staff and coordinators (a superuser is both)
STAFF_POST = "POST L 403 403 302 302 302"  # a one-shot action: a message, then back
GROUP = "L 200 200 403 403 403"
OWN_GROUP = "L 200 404 403 403 403"  # group 1's request: group 2 cannot even see it
ADMIN_READ = "L L L 200 200 200"  # local groups are not admin users
ADMIN_COORDINATOR = "L L L 403 200 200"  # staff read only; coordinators write
ADMIN_SUPERUSER = "L L L 403 403 200"
ADMIN_SUPERUSER_MISSING = "L L L 403 403 302"  # a missing row: the admin's redirect
ADMIN_NOBODY = "L L L 403 403 403"  # written through the pages' services, never here
ADMIN_REDIRECT = "L L L 302 302 302"
OWN_GROUP_AND_STAFF = "L 200 404 200 200 200"  # group 1's activity: staff see every group's
API_STAFF = "401 403 403 200 200 200"  # the REST API: a key (or session) of staff
API_SIGNED_IN = "401 200 200 200 200 200"
API_OWN_GROUP_AND_STAFF = "401 200 404 200 200 200"  # group 1's activity: group 2 gets 404

# The one table: URL name -> outcome per role (see the module docstring).
MATRIX: dict[str, str] = {
    # --- accounts and the site ------------------------------------------------
    "accounts:landing": "L 302 302 302 302 302",
    "accounts:profile": "L 200 200 200 200 200",
    "accounts:token_create": "POST L 200 200 200 200 200",  # no name: the form again
    "accounts:token_revoke": "POST L 302 302 302 302 302",  # only one's own key is deleted
    "accounts:user_picker": STAFF,
    "admin_view_on_site": ADMIN_REDIRECT,
    "healthz": PUBLIC,
    "login": PUBLIC,
    "logout": "L 405 405 405 405 405",
    "password_change": "L 200 200 200 200 200",
    "password_change_done": "L 200 200 200 200 200",
    "password_reset": PUBLIC,
    "password_reset_complete": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_done": PUBLIC,
    "set_language": "POST 302 302 302 302 302 302",
    # --- dashboard ------------------------------------------------------------
    "dashboard:calendar_feed": PUBLIC,
    "dashboard:calendar_feed_reset": STAFF_POST,
    "dashboard:chart_json": STAFF,
    "dashboard:charts": STAFF,
    "dashboard:home": "L 302 302 200 200 200",  # a local group is sent to its own home
    "dashboard:reminders": STAFF,
    # --- partnerships ---------------------------------------------------------
    "partnerships:coalition_create": STAFF,
    "partnerships:coalition_detail": STAFF,
    "partnerships:coalition_list": STAFF,
    "partnerships:coalition_update": STAFF,
    "partnerships:meeting_create": STAFF,
    "partnerships:meeting_update": STAFF,
    "partnerships:my_requests": GROUP,
    "partnerships:organisation_create": STAFF,
    "partnerships:organisation_detail": STAFF,
    "partnerships:organisation_dormant": STAFF_POST,
    "partnerships:organisation_list": STAFF,
    "partnerships:organisation_matches": STAFF,
    "partnerships:organisation_merge": STAFF,
    "partnerships:organisation_picker": STAFF,
    "partnerships:organisation_update": STAFF,
    "partnerships:request_answer": "POST L 302 404 403 403 403",
    "partnerships:request_create": GROUP,
    "partnerships:request_detail": OWN_GROUP,
    "partnerships:request_edit": OWN_GROUP,
    "partnerships:request_pick_organisation": GROUP,
    "partnerships:request_submit": "POST L 302 404 403 403 403",
    "partnerships:request_withdraw": OWN_GROUP,
    "partnerships:statement_agree": STAFF_POST,
    "partnerships:statement_create": STAFF,
    "partnerships:statement_detail": STAFF,
    "partnerships:statement_issue": STAFF_POST,
    "partnerships:statement_section_agreement": STAFF_POST,
    "partnerships:statement_withdraw": STAFF_POST,
    "partnerships:support_create": STAFF,
    "partnerships:support_decide": "POST L 403 403 200 200 200",  # a refused decline: the form again
    "partnerships:support_detail": STAFF,
    "partnerships:support_list": STAFF,
    # --- outreach -------------------------------------------------------------
    "outreach:access_log": "L 403 403 403 200 200",
    "outreach:action_report_create": STAFF,
    "outreach:approach_create": STAFF,
    "outreach:approach_detail": STAFF,
    "outreach:approach_follow_up_done": STAFF_POST,
    "outreach:approach_list": STAFF,
    "outreach:approach_update": STAFF,
    "outreach:campaign_create": STAFF,
    "outreach:campaign_detail": STAFF,
    "outreach:campaign_list": STAFF,
    "outreach:campaign_update": STAFF,
    "outreach:contact_bounced": STAFF_POST,
    "outreach:contact_consent": STAFF_POST,
    "outreach:contact_create": STAFF,
    "outreach:contact_detail": STAFF,
    "outreach:contact_export": STAFF,
    "outreach:contact_list": STAFF,
    "outreach:contact_unsubscribe": STAFF_POST,
    "outreach:contact_update": STAFF,
    "outreach:contact_withdraw_consent": STAFF_POST,
    "outreach:employment_add": STAFF_POST,
    "outreach:employment_end": STAFF_POST,
    "outreach:employment_remove": STAFF_POST,
    "outreach:home": STAFF,
    "outreach:import": STAFF,
    "outreach:import_confirm": STAFF_POST,
    "outreach:keyword_autocomplete": STAFF,
    "outreach:mailing_detail": STAFF,
    "outreach:mailing_progress": STAFF,
    "outreach:network_mailing_create": STAFF,
    "outreach:organisation_export": STAFF,
    "outreach:preferences": PUBLIC,
    "outreach:priorities": STAFF,
    "outreach:publication_create": STAFF,
    "outreach:publication_detail": STAFF,
    "outreach:publication_file": STAFF,
    "outreach:publication_list": STAFF,
    "outreach:publication_update": STAFF,
    "outreach:sector_assess": STAFF,
    "outreach:sector_detail": STAFF,
    "outreach:sector_organisation_add": STAFF_POST,
    "outreach:sector_organisation_remove": STAFF_POST,
    "outreach:spectrum_place": STAFF,
    "outreach:structure_create": STAFF,
    "outreach:structure_detail": STAFF,
    "outreach:structure_list": STAFF,
    "outreach:structure_member_add": STAFF_POST,
    "outreach:structure_member_remove": STAFF_POST,
    "outreach:structure_update": STAFF,
    "outreach:ua_approve": STAFF_POST,
    "outreach:ua_cancel": STAFF_POST,
    "outreach:ua_create": STAFF,
    "outreach:ua_detail": STAFF,
    "outreach:ua_edit": STAFF,
    "outreach:ua_list": STAFF,
    "outreach:ua_send": STAFF_POST,
    "outreach:unsubscribe": PUBLIC,
    # --- evaluation (group 1's activity under its partnership) -----------------
    "evaluation:activity_chart": OWN_GROUP_AND_STAFF,
    "evaluation:activity_create": "L 200 403 200 200 200",  # group 2 has no partnership
    "evaluation:activity_detail": OWN_GROUP_AND_STAFF,
    "evaluation:activity_list": "L 200 200 200 200 200",  # each group's own
    "evaluation:activity_update": OWN_GROUP_AND_STAFF,
    "evaluation:evaluate": OWN_GROUP_AND_STAFF,
    "evaluation:lesson_list": STAFF,
    "evaluation:next_step": STAFF,
    "evaluation:partner_answer": PUBLIC,  # the partner's signed link (a bad one: 404 page)
    "evaluation:partner_link": "POST L 302 404 302 302 302",
    "evaluation:partnership": OWN_GROUP_AND_STAFF,
    "evaluation:partnership_chart": OWN_GROUP_AND_STAFF,
    # --- risk ----------------------------------------------------------------
    "risk:advice": STAFF,  # local groups get the advice in their request form (preview)
    "risk:advice_preview": "POST L 200 200 200 200 200",
    "risk:assessment_create": STAFF,
    "risk:assessment_detail": STAFF,
    "risk:assessment_edit": STAFF,
    "risk:register": STAFF,
    # --- the REST API (tests/api/test_access.py has the details) ---------------
    # A POST without a JSON body is 415 once the role may act: that is the check here.
    "api_activities-detail": API_OWN_GROUP_AND_STAFF,
    "api_activities-evaluate": "POST 401 415 404 415 415 415",  # group 2: not its activity
    "api_activities-list": API_SIGNED_IN,  # each group's own
    "api_approaches-detail": API_STAFF,
    "api_approaches-follow-up-done": "POST 401 403 403 415 415 415",
    "api_approaches-list": API_STAFF,
    "api_coalitions-detail": API_STAFF,
    "api_coalitions-list": API_STAFF,
    "api_coalitions-meetings": API_STAFF,
    "api_coalitions-statements": API_STAFF,
    "api_contacts-detail": API_STAFF,
    "api_contacts-list": API_STAFF,
    "api_deliveries-detail": API_STAFF,
    "api_deliveries-list": API_STAFF,
    "api_docs": "L 200 200 200 200 200",  # signed in only: anonymous to the login page
    "api_evaluations-detail": API_OWN_GROUP_AND_STAFF,
    "api_evaluations-list": API_SIGNED_IN,
    "api_event_advice": "POST 401 415 415 415 415 415",
    "api_lessons-detail": API_STAFF,
    "api_lessons-list": API_STAFF,
    "api_mailings-detail": API_STAFF,
    "api_mailings-list": API_STAFF,
    "api_meetings-detail": API_STAFF,
    "api_meetings-list": API_STAFF,
    "api_organisations-detail": API_SIGNED_IN,
    "api_organisations-list": API_SIGNED_IN,
    "api_organisations-matches": API_SIGNED_IN,
    "api_partnerships-detail": API_STAFF,
    "api_partnerships-list": API_STAFF,
    "api_requests-answer": "POST 401 415 404 403 403 403",
    "api_requests-approve": "POST 401 403 403 403 415 415",  # staff cannot approve
    "api_requests-ask-information": "POST 401 403 403 403 415 415",
    "api_requests-checklist": "POST 401 403 403 403 415 415",
    "api_requests-decline": "POST 401 403 403 403 415 415",
    "api_requests-detail": "401 200 404 200 200 200",  # group 2 cannot read group 1's
    "api_requests-escalate": "POST 401 403 403 403 415 415",
    "api_requests-list": API_SIGNED_IN,  # each group's own
    "api_requests-start-review": "POST 401 403 403 403 415 415",
    "api_requests-submit": "POST 401 415 404 403 403 403",
    "api_requests-withdraw": "POST 401 415 404 403 403 403",
    "api_risk_assessments-detail": API_STAFF,
    "api_risk_assessments-list": API_STAFF,
    "api_schema": API_SIGNED_IN,  # a session or a token
    "api_sectors-assess": "POST 401 403 403 415 415 415",
    "api_sectors-detail": API_STAFF,
    "api_sectors-list": API_STAFF,
    "api_sectors-priorities": API_STAFF,
    "api_statements-agree": "POST 401 403 403 415 415 415",
    "api_statements-detail": API_STAFF,
    "api_statements-issue": "POST 401 403 403 409 409 409",  # a draft without text
    "api_statements-section-agreement": "POST 401 403 403 415 415 415",
    "api_statements-withdraw-agreement": "POST 401 403 403 415 415 415",
    "api_urgent_actions-approve": "POST 401 403 403 403 200 200",  # coordinators approve
    "api_urgent_actions-cancel": "POST 401 403 403 200 200 200",  # staff cancel
    "api_urgent_actions-detail": API_STAFF,
    "api_urgent_actions-list": API_STAFF,
    "api_urgent_actions-send": "POST 401 403 403 415 415 415",
    # --- the admin: site pages ------------------------------------------------
    "admin:app_list": ADMIN_READ,
    "admin:autocomplete": ADMIN_NOBODY,
    "admin:index": ADMIN_READ,
    "admin:jsi18n": ADMIN_READ,
    "admin:login": "200 200 200 302 302 302",
    "admin:logout": "L 302 302 405 405 405",
    "admin:password_change": ADMIN_READ,
    "admin:password_change_done": ADMIN_READ,
    "admin:review_queue": ADMIN_READ,
    "admin:view_on_site": ADMIN_REDIRECT,
    # --- the admin: this project's models -------------------------------------
    "admin:accounts_localgroup_add": ADMIN_SUPERUSER,
    "admin:accounts_localgroup_change": ADMIN_READ,
    "admin:accounts_localgroup_changelist": ADMIN_READ,
    "admin:accounts_localgroup_delete": ADMIN_SUPERUSER,
    "admin:accounts_localgroup_history": ADMIN_READ,
    "admin:accounts_user_add": ADMIN_SUPERUSER,
    "admin:accounts_user_change": ADMIN_READ,
    "admin:accounts_user_changelist": ADMIN_READ,
    "admin:accounts_user_delete": ADMIN_SUPERUSER,
    "admin:accounts_user_history": ADMIN_READ,
    "admin:dashboard_reminderdigest_add": ADMIN_NOBODY,
    "admin:dashboard_reminderdigest_change": ADMIN_READ,
    "admin:dashboard_reminderdigest_changelist": ADMIN_READ,
    "admin:dashboard_reminderdigest_delete": ADMIN_NOBODY,
    "admin:dashboard_reminderdigest_history": ADMIN_READ,
    "admin:evaluation_evaluation_add": ADMIN_NOBODY,
    "admin:evaluation_evaluation_change": ADMIN_READ,
    "admin:evaluation_evaluation_changelist": ADMIN_READ,
    "admin:evaluation_evaluation_delete": ADMIN_SUPERUSER,
    "admin:evaluation_evaluation_history": ADMIN_READ,
    "admin:evaluation_jointactivity_add": ADMIN_SUPERUSER,
    "admin:evaluation_jointactivity_change": ADMIN_READ,
    "admin:evaluation_jointactivity_changelist": ADMIN_READ,
    "admin:evaluation_jointactivity_delete": ADMIN_SUPERUSER,
    "admin:evaluation_jointactivity_history": ADMIN_READ,
    "admin:evaluation_lesson_add": ADMIN_SUPERUSER,
    "admin:evaluation_lesson_change": ADMIN_READ,
    "admin:evaluation_lesson_changelist": ADMIN_READ,
    "admin:evaluation_lesson_delete": ADMIN_SUPERUSER,
    "admin:evaluation_lesson_history": ADMIN_READ,
    "admin:evaluation_nextstep_add": ADMIN_SUPERUSER,
    "admin:evaluation_nextstep_change": ADMIN_READ,
    "admin:evaluation_nextstep_changelist": ADMIN_READ,
    "admin:evaluation_nextstep_delete": ADMIN_SUPERUSER,
    "admin:evaluation_nextstep_history": ADMIN_READ,
    "admin:evaluation_partneranswer_add": ADMIN_NOBODY,
    "admin:evaluation_partneranswer_change": ADMIN_READ,
    "admin:evaluation_partneranswer_changelist": ADMIN_READ,
    "admin:evaluation_partneranswer_delete": ADMIN_SUPERUSER,
    "admin:evaluation_partneranswer_history": ADMIN_READ,
    "admin:evaluation_partnerlink_add": ADMIN_NOBODY,
    "admin:evaluation_partnerlink_change": ADMIN_READ,
    "admin:evaluation_partnerlink_changelist": ADMIN_READ,
    "admin:evaluation_partnerlink_delete": ADMIN_SUPERUSER,
    "admin:evaluation_partnerlink_history": ADMIN_READ,
    "admin:outreach_actionreport_add": ADMIN_SUPERUSER,
    "admin:outreach_actionreport_change": ADMIN_READ,
    "admin:outreach_actionreport_changelist": ADMIN_READ,
    "admin:outreach_actionreport_delete": ADMIN_SUPERUSER,
    "admin:outreach_actionreport_history": ADMIN_READ,
    "admin:outreach_campaign_add": ADMIN_SUPERUSER,
    "admin:outreach_campaign_change": ADMIN_READ,
    "admin:outreach_campaign_changelist": ADMIN_READ,
    "admin:outreach_campaign_delete": ADMIN_SUPERUSER,
    "admin:outreach_campaign_history": ADMIN_READ,
    "admin:outreach_delivery_add": ADMIN_NOBODY,
    "admin:outreach_delivery_change": ADMIN_READ,
    "admin:outreach_delivery_changelist": ADMIN_READ,
    "admin:outreach_delivery_delete": ADMIN_NOBODY,
    "admin:outreach_delivery_history": ADMIN_READ,
    "admin:outreach_mailing_add": ADMIN_NOBODY,
    "admin:outreach_mailing_change": ADMIN_READ,
    "admin:outreach_mailing_changelist": ADMIN_READ,
    "admin:outreach_mailing_delete": ADMIN_NOBODY,
    "admin:outreach_mailing_history": ADMIN_READ,
    "admin:outreach_networkmailing_add": ADMIN_SUPERUSER,
    "admin:outreach_networkmailing_change": ADMIN_READ,
    "admin:outreach_networkmailing_changelist": ADMIN_READ,
    "admin:outreach_networkmailing_delete": ADMIN_SUPERUSER,
    "admin:outreach_networkmailing_history": ADMIN_READ,
    "admin:outreach_outreachstructure_add": ADMIN_SUPERUSER,
    "admin:outreach_outreachstructure_change": ADMIN_READ,
    "admin:outreach_outreachstructure_changelist": ADMIN_READ,
    "admin:outreach_outreachstructure_delete": ADMIN_SUPERUSER,
    "admin:outreach_outreachstructure_history": ADMIN_READ,
    "admin:outreach_publication_add": ADMIN_SUPERUSER,
    "admin:outreach_publication_change": ADMIN_READ,
    "admin:outreach_publication_changelist": ADMIN_READ,
    "admin:outreach_publication_delete": ADMIN_SUPERUSER,
    "admin:outreach_publication_history": ADMIN_READ,
    "admin:outreach_sectorassessment_add": ADMIN_SUPERUSER,
    "admin:outreach_sectorassessment_change": ADMIN_READ,
    "admin:outreach_sectorassessment_changelist": ADMIN_READ,
    "admin:outreach_sectorassessment_delete": ADMIN_SUPERUSER,
    "admin:outreach_sectorassessment_history": ADMIN_READ,
    "admin:outreach_spectrummove_add": ADMIN_SUPERUSER,
    "admin:outreach_spectrummove_change": ADMIN_READ,
    "admin:outreach_spectrummove_changelist": ADMIN_READ,
    "admin:outreach_spectrummove_delete": ADMIN_SUPERUSER,
    "admin:outreach_spectrummove_history": ADMIN_READ,
    "admin:outreach_spectrumplacement_add": ADMIN_SUPERUSER,
    "admin:outreach_spectrumplacement_change": ADMIN_READ,
    "admin:outreach_spectrumplacement_changelist": ADMIN_READ,
    "admin:outreach_spectrumplacement_delete": ADMIN_SUPERUSER,
    "admin:outreach_spectrumplacement_history": ADMIN_READ,
    # Translations of a UA: no role holds their permissions yet, so superusers only (a
    # missing row's history redirects before any permission check, as Django does).
    "admin:outreach_urgentactiontranslation_add": ADMIN_SUPERUSER,
    "admin:outreach_urgentactiontranslation_change": ADMIN_SUPERUSER_MISSING,
    "admin:outreach_urgentactiontranslation_changelist": ADMIN_SUPERUSER,
    "admin:outreach_urgentactiontranslation_delete": ADMIN_SUPERUSER_MISSING,
    "admin:outreach_urgentactiontranslation_history": ADMIN_REDIRECT,
    "admin:outreach_urgentaction_add": ADMIN_NOBODY,
    "admin:outreach_urgentaction_change": ADMIN_READ,
    "admin:outreach_urgentaction_changelist": ADMIN_READ,
    "admin:outreach_urgentaction_delete": ADMIN_NOBODY,
    "admin:outreach_urgentaction_history": ADMIN_READ,
    "admin:partnerships_coalition_add": ADMIN_COORDINATOR,
    "admin:partnerships_coalition_change": ADMIN_READ,
    "admin:partnerships_coalition_changelist": ADMIN_READ,
    "admin:partnerships_coalition_delete": ADMIN_SUPERUSER,
    "admin:partnerships_coalition_history": ADMIN_READ,
    "admin:partnerships_jointstatement_add": ADMIN_COORDINATOR,
    "admin:partnerships_jointstatement_change": ADMIN_READ,
    "admin:partnerships_jointstatement_changelist": ADMIN_READ,
    "admin:partnerships_jointstatement_delete": ADMIN_SUPERUSER,
    "admin:partnerships_jointstatement_history": ADMIN_READ,
    "admin:partnerships_organisation_add": ADMIN_COORDINATOR,
    "admin:partnerships_organisation_change": ADMIN_READ,
    "admin:partnerships_organisation_changelist": ADMIN_READ,
    "admin:partnerships_organisation_delete": ADMIN_SUPERUSER,
    "admin:partnerships_organisation_history": ADMIN_READ,
    "admin:partnerships_partnership_add": ADMIN_NOBODY,
    "admin:partnerships_partnership_change": ADMIN_READ,
    "admin:partnerships_partnership_changelist": ADMIN_READ,
    "admin:partnerships_partnership_delete": ADMIN_NOBODY,
    "admin:partnerships_partnership_history": ADMIN_READ,
    "admin:partnerships_partnershiprequest_add": ADMIN_NOBODY,
    "admin:partnerships_partnershiprequest_change": ADMIN_READ,
    "admin:partnerships_partnershiprequest_changelist": ADMIN_READ,
    "admin:partnerships_partnershiprequest_checklist": ADMIN_COORDINATOR,
    "admin:partnerships_partnershiprequest_decide": ADMIN_COORDINATOR,
    "admin:partnerships_partnershiprequest_delete": ADMIN_NOBODY,
    "admin:partnerships_partnershiprequest_history": ADMIN_READ,
    "admin:partnerships_supportrequest_add": ADMIN_COORDINATOR,
    "admin:partnerships_supportrequest_change": ADMIN_READ,
    "admin:partnerships_supportrequest_changelist": ADMIN_READ,
    "admin:partnerships_supportrequest_delete": ADMIN_SUPERUSER,
    "admin:partnerships_supportrequest_history": ADMIN_READ,
    "admin:risk_requestadvice_add": ADMIN_NOBODY,
    "admin:risk_requestadvice_change": ADMIN_READ,
    "admin:risk_requestadvice_changelist": ADMIN_READ,
    "admin:risk_requestadvice_delete": ADMIN_NOBODY,
    "admin:risk_requestadvice_history": ADMIN_READ,
    "admin:risk_riskassessment_add": ADMIN_COORDINATOR,
    "admin:risk_riskassessment_change": ADMIN_READ,
    "admin:risk_riskassessment_changelist": ADMIN_READ,
    "admin:risk_riskassessment_delete": ADMIN_NOBODY,
    "admin:risk_riskassessment_history": ADMIN_READ,
    # --- the admin: third-party models (superuser only) -----------------------
    "admin:auditlog_logentry_add": ADMIN_NOBODY,
    "admin:auditlog_logentry_change": ADMIN_SUPERUSER_MISSING,
    "admin:auditlog_logentry_changelist": ADMIN_SUPERUSER,
    "admin:auditlog_logentry_delete": ADMIN_NOBODY,
    "admin:auditlog_logentry_history": ADMIN_REDIRECT,
    "admin:auth_group_add": ADMIN_SUPERUSER,
    "admin:auth_group_change": ADMIN_SUPERUSER_MISSING,
    "admin:auth_group_changelist": ADMIN_SUPERUSER,
    "admin:auth_group_delete": ADMIN_SUPERUSER_MISSING,
    "admin:auth_group_history": ADMIN_REDIRECT,
    "admin:auth_user_password_change": ADMIN_SUPERUSER,
    "admin:axes_accessattempt_add": ADMIN_NOBODY,
    "admin:axes_accessattempt_change": ADMIN_SUPERUSER_MISSING,
    "admin:axes_accessattempt_changelist": ADMIN_SUPERUSER,
    "admin:axes_accessattempt_delete": ADMIN_SUPERUSER_MISSING,
    "admin:axes_accessattempt_history": ADMIN_REDIRECT,
    "admin:axes_accessfailurelog_add": ADMIN_NOBODY,
    "admin:axes_accessfailurelog_change": ADMIN_SUPERUSER_MISSING,
    "admin:axes_accessfailurelog_changelist": ADMIN_SUPERUSER,
    "admin:axes_accessfailurelog_delete": ADMIN_SUPERUSER_MISSING,
    "admin:axes_accessfailurelog_history": ADMIN_REDIRECT,
    "admin:axes_accesslog_add": ADMIN_NOBODY,
    "admin:axes_accesslog_change": ADMIN_SUPERUSER_MISSING,
    "admin:axes_accesslog_changelist": ADMIN_SUPERUSER,
    "admin:axes_accesslog_delete": ADMIN_SUPERUSER_MISSING,
    "admin:axes_accesslog_history": ADMIN_REDIRECT,
    "admin:django_celery_beat_clockedschedule_add": ADMIN_SUPERUSER,
    "admin:django_celery_beat_clockedschedule_change": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_clockedschedule_changelist": ADMIN_SUPERUSER,
    "admin:django_celery_beat_clockedschedule_delete": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_clockedschedule_history": ADMIN_REDIRECT,
    "admin:django_celery_beat_crontabschedule_add": ADMIN_SUPERUSER,
    "admin:django_celery_beat_crontabschedule_change": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_crontabschedule_changelist": ADMIN_SUPERUSER,
    "admin:django_celery_beat_crontabschedule_delete": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_crontabschedule_history": ADMIN_REDIRECT,
    "admin:django_celery_beat_intervalschedule_add": ADMIN_SUPERUSER,
    "admin:django_celery_beat_intervalschedule_change": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_intervalschedule_changelist": ADMIN_SUPERUSER,
    "admin:django_celery_beat_intervalschedule_delete": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_intervalschedule_history": ADMIN_REDIRECT,
    "admin:django_celery_beat_periodictask_add": ADMIN_SUPERUSER,
    "admin:django_celery_beat_periodictask_change": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_periodictask_changelist": ADMIN_SUPERUSER,
    "admin:django_celery_beat_periodictask_delete": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_periodictask_history": ADMIN_REDIRECT,
    "admin:django_celery_beat_solarschedule_add": ADMIN_SUPERUSER,
    "admin:django_celery_beat_solarschedule_change": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_solarschedule_changelist": ADMIN_SUPERUSER,
    "admin:django_celery_beat_solarschedule_delete": ADMIN_SUPERUSER_MISSING,
    "admin:django_celery_beat_solarschedule_history": ADMIN_REDIRECT,
}


@pytest.fixture(autouse=True)
def quiet_refusals():
    # Hundreds of expected 403s and 404s would each log a traceback.
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


def _method_and_codes(row: str) -> tuple[str, list[str]]:
    words = row.split()
    if words[:1] == ["POST"]:
        return "POST", words[1:]
    return "GET", words


def _check_url(world, name: str, route: str, row: str) -> tuple[str, list[str]]:
    """The observed row, and every refused request that wrote to the database."""
    url = reverse_for(world, name, route)
    method, expected = _method_and_codes(row)
    codes, writes = [], []
    for index, role in enumerate(ROLES):
        refused = bool(expected) and expected[index] in DENIED
        watch = WriteWatch() if refused and method == "POST" else None
        codes.append(outcome(request(world, role, method, url, watch)))
        if refused and method == "GET":  # a refused page must refuse its POST too
            watch = WriteWatch()
            response = request(world, role, "POST", url, watch)
            if response.status_code >= 500:
                writes.append(f"{name} POST as {role}: {response.status_code}")
        if watch and watch.writes:
            writes.append(f"{name} {method} as {role} wrote: {watch.writes[:2]}")
    observed = " ".join(codes)
    return (f"POST {observed}" if method == "POST" else observed), writes


def test_access_matrix(role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world(role_user, tmp_path)
    patterns: dict[str, str] = {}
    for name, route, _ in named_patterns():
        # The API router's format-suffix twin (".json") shares its route's name: the plain
        # route comes first and is the one requested.
        patterns.setdefault(name, route)
    printing = os.environ.get("ACCESS_MATRIX_PRINT") == "1"
    if not printing:
        assert sorted(set(patterns) - set(MATRIX)) == [], "URL patterns without a row"
        assert sorted(set(MATRIX) - set(patterns)) == [], "rows without a URL pattern"
    before = row_counts()
    wrong, writes, rows = [], [], []
    for name, route in sorted(patterns.items()):
        row = MATRIX.get(name, "")
        observed, url_writes = _check_url(world, name, route, row)
        # (Logging out by POST would end the session that later requests rely on.)
        post_only = "405" in observed.split()[1:] and "logout" not in name
        if printing and not row and post_only:
            observed, url_writes = _check_url(world, name, route, "POST")  # POST-only
        writes += url_writes
        rows.append(f'    "{name}": "{observed}",')
        if row and row.split() != observed.split():
            wrong.append(f"{name}: expected {row}, got {observed}")
    if printing:
        print("\n".join(rows))
        return
    assert wrong == []
    assert writes == [], "refused requests wrote to the database"
    assert row_counts() == before


@pytest.mark.parametrize("token", ["nonsense", "x.y.z", "eyJsaW5rIjoxfQ:bad:sig"])
def test_a_bad_partner_link_gets_a_clear_page_not_an_error(client, token):
    """The one page anonymous visitors reach in evaluation: a bad token is a 404 page."""
    from django.urls import reverse

    from evaluation.models import PartnerAnswer
    from tests.evaluation.factories import ActivityFactory

    url = reverse("evaluation:partner_answer", args=[ActivityFactory().pk, token])
    response = client.get(url)
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert client.post(url, {"work_again": "yes"}).status_code == 404
    assert not PartnerAnswer.objects.exists()


def test_the_api_has_no_format_suffix_twins(client, django_user_model):
    """The router's ".json" twins called custom actions with a `format` they did not
    take (a 500); the API speaks JSON only, so the twins are not routed at all."""
    suffixed = [name for name, route, _ in named_patterns() if "(?P<format>" in route]
    assert suffixed == []
    client.force_login(
        django_user_model.objects.create(username="su", is_superuser=True, is_staff=True)
    )
    assert client.get("/api/organisations/matches.json?name=x").status_code == 404
