from django.urls import path

from opennrm.privacy import rights_views, views

app_name = "privacy"

urlpatterns = [
    path("retention/", views.retention, name="retention"),
    path("retention/<str:rule_id>/remove/", views.retention_rule_remove, name="rule_remove"),
    path("holds/", views.holds, name="holds"),
    path("holds/<str:hold_id>/lift/", views.hold_lift, name="hold_lift"),
    path("requests/", rights_views.requests_list, name="requests"),
    path("requests/new/<str:case_id>/", rights_views.request_new, name="request_new"),
    path("requests/<str:request_id>/", rights_views.request_detail, name="request"),
    path("requests/<str:request_id>/copy/", rights_views.request_export, name="request_export"),
    path(
        "requests/<str:request_id>/<str:outcome>/",
        rights_views.request_answer,
        name="request_answer",
    ),
]
