from django.urls import path

from opennrm.accounts import calendar_views

app_name = "calendar"

urlpatterns = [
    path("", calendar_views.holidays_page, name="holidays"),
    path("recompute/", calendar_views.deadlines_recompute, name="recompute"),
    path("<str:action>/", calendar_views.holiday_change, name="change"),
]
