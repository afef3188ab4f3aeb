from django.urls import path

from opennrm.reintegration import views

app_name = "reintegration"

urlpatterns = [
    path("", views.return_list, name="list"),
    path("export.<slug:fmt>", views.return_export, name="export"),
    path("case/<uuid:case_id>/new/", views.return_new, name="new"),
    path("<uuid:return_id>/", views.return_detail, name="return"),
    path("<uuid:return_id>/<slug:step>/", views.return_step, name="step"),
]
