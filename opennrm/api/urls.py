from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from opennrm.api import screening, views

urlpatterns = [
    path("v1/cases/", views.cases, name="api-cases"),
    path("v1/cases/search/", views.case_search, name="api-case-search"),
    path("v1/cases/<uuid:case_id>/", views.case_detail, name="api-case-detail"),
    path("v1/cases/<uuid:case_id>/notes/", views.case_notes, name="api-case-notes"),
    path("v1/screening/sets/", screening.screening_sets, name="api-screening-sets"),
    path("v1/screening/evaluate", screening.screening_evaluate, name="api-screening-evaluate"),
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny]),
        name="api-schema",
    ),
]
