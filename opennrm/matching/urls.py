from django.urls import path

from opennrm.matching import views

app_name = "matching"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<uuid:alert_id>/decide/", views.alert_decide, name="alert_decide"),
]
