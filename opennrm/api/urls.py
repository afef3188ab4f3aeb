from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from opennrm.api import views

urlpatterns = [
    path("v1/cases/", views.cases, name="api-cases"),
    path("v1/cases/search/", views.case_search, name="api-case-search"),
    path("v1/cases/<uuid:case_id>/", views.case_detail, name="api-case-detail"),
    path("v1/cases/<uuid:case_id>/notes/", views.case_notes, name="api-case-notes"),
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny]),
        name="api-schema",
    ),
]
