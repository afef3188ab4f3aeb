from django.urls import path

from opennrm.justice import views

app_name = "justice"

urlpatterns = [
    path("", views.proceeding_list, name="list"),
    path("new/", views.proceeding_new, name="new"),
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
    path("case/<uuid:case_id>/link/", views.case_link, name="case_link"),
    path("case/<uuid:case_id>/unlink/<uuid:link_id>/", views.case_unlink, name="case_unlink"),
]
