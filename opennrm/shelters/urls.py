from django.urls import path

from opennrm.shelters import views

app_name = "shelters"

urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.centre_edit, name="centre_new"),
    path("<uuid:centre_id>/", views.centre_detail, name="centre"),
    path("<uuid:centre_id>/location/", views.centre_location, name="centre_location"),
    path("<uuid:centre_id>/edit/", views.centre_edit, name="centre_edit"),
    path("<uuid:centre_id>/admit/", views.admit, name="admit"),
    path("stays/<uuid:stay_id>/<slug:action>/", views.stay_action, name="stay_action"),
]
