from django.urls import path

from opennrm.justice import views

app_name = "justice"

urlpatterns = [
    path("", views.proceeding_list, name="list"),
    path("new/", views.proceeding_new, name="new"),
    path("figures/", views.justice_figures, name="figures"),
    path("hearings/", views.hearing_agenda, name="hearings"),
    path("<uuid:proceeding_id>/", views.proceeding_detail, name="proceeding"),
    path("<uuid:proceeding_id>/move/", views.proceeding_move, name="move"),
    path("<uuid:proceeding_id>/accused/new/", views.perpetrator_new, name="perpetrator_new"),
    path(
        "<uuid:proceeding_id>/accused/<uuid:perpetrator_id>/",
        views.perpetrator_detail,
        name="perpetrator",
    ),
    path(
        "<uuid:proceeding_id>/accused/<uuid:perpetrator_id>/<slug:step>/",
        views.perpetrator_step,
        name="perpetrator_step",
    ),
    path("<uuid:proceeding_id>/hearings/new/", views.hearing_new, name="hearing_new"),
    path(
        "<uuid:proceeding_id>/hearings/<uuid:hearing_id>/<slug:step>/",
        views.hearing_step,
        name="hearing_step",
    ),
    path("<uuid:proceeding_id>/measures/new/", views.measure_new, name="measure_new"),
    path(
        "<uuid:proceeding_id>/measures/<uuid:measure_id>/<slug:step>/",
        views.measure_step,
        name="measure_step",
    ),
    path(
        "<uuid:proceeding_id>/participation/<uuid:link_id>/",
        views.proceeding_participation,
        name="proceeding_participation",
    ),
    path("case/<uuid:case_id>/non-punishment/", views.non_punishment, name="non_punishment"),
    path(
        "case/<uuid:case_id>/non-punishment/<uuid:record_id>/",
        views.non_punishment,
        name="non_punishment_edit",
    ),
    path("case/<uuid:case_id>/residence/", views.residence, name="residence"),
    path(
        "case/<uuid:case_id>/residence/<uuid:record_id>/",
        views.residence,
        name="residence_decide",
    ),
    path(
        "case/<uuid:case_id>/participation/<uuid:link_id>/",
        views.case_participation,
        name="case_participation",
    ),
    path("case/<uuid:case_id>/protection/", views.case_measure, name="case_measure"),
    path("case/<uuid:case_id>/link/", views.case_link, name="case_link"),
    path("case/<uuid:case_id>/unlink/<uuid:link_id>/", views.case_unlink, name="case_unlink"),
]
