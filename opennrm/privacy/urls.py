from django.urls import path

from opennrm.privacy import views

app_name = "privacy"

urlpatterns = [
    path("retention/", views.retention, name="retention"),
    path("retention/<str:rule_id>/remove/", views.retention_rule_remove, name="rule_remove"),
    path("holds/", views.holds, name="holds"),
    path("holds/<str:hold_id>/lift/", views.hold_lift, name="hold_lift"),
]
