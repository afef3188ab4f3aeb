from django.urls import path

from opennrm.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("search/", views.case_search, name="search"),
    path("export.<slug:fmt>", views.case_export, name="export"),
    path("new/", views.case_open, name="open"),
    path("access-log/", views.access_log, name="access_log"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("from-contact/<uuid:contact_id>/link/", views.contact_link_case, name="contact_link_case"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/print/", views.case_print, name="print"),
    path("<uuid:case_id>/audit/", views.case_audit, name="audit"),
    path("<uuid:case_id>/edit/", views.case_edit, name="edit"),
    path("<uuid:case_id>/person/", views.person_edit, name="person_edit"),
    path("<uuid:case_id>/person/documents/new/", views.document_add, name="document_add"),
    path("<uuid:case_id>/stage/", views.case_change_stage, name="change_stage"),
    path("<uuid:case_id>/decisions/new/", views.decision_add, name="decision_add"),
    path("<uuid:case_id>/notes/new/", views.note_add, name="note_add"),
    path("<uuid:case_id>/consents/new/", views.consent_add, name="consent_add"),
    path("<uuid:case_id>/support-plan/", views.support_plan_edit, name="support_plan"),
    path(
        "<uuid:case_id>/support-plan/actions/new/",
        views.support_action_add,
        name="support_action_add",
    ),
    path(
        "<uuid:case_id>/support-plan/actions/<uuid:action_id>/record/",
        views.support_action_record,
        name="support_action_record",
    ),
    path("<uuid:case_id>/screenings/new/", views.screening_start, name="screening_start"),
    path(
        "<uuid:case_id>/screenings/<uuid:screening_id>/",
        views.screening_step,
        name="screening_step",
    ),
    path(
        "<uuid:case_id>/screenings/<uuid:screening_id>/result/",
        views.screening_result,
        name="screening_result",
    ),
    path(
        "<uuid:case_id>/identification/new/",
        views.identification_request,
        name="identification_request",
    ),
    path(
        "<uuid:case_id>/identification/<uuid:decision_id>/decide/",
        views.identification_decide,
        name="identification_decide",
    ),
    path(
        "<uuid:case_id>/identification/<uuid:decision_id>/notify/",
        views.identification_notify,
        name="identification_notify",
    ),
    path(
        "<uuid:case_id>/recovery/<uuid:period_id>/extend/",
        views.recovery_extend,
        name="recovery_extend",
    ),
    path(
        "<uuid:case_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
