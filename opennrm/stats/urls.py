from django.urls import path

from opennrm.stats import report_views, views

app_name = "stats"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("reports/", report_views.reports, name="reports"),
    path("tip/", report_views.tip, name="tip"),
    path("reports/<uuid:job_id>/", report_views.report, name="report"),
    path("reports/<uuid:job_id>/pdf", report_views.report_pdf, name="report_pdf"),
    path("<slug:key>/", views.figure, name="figure"),
    path("<slug:key>/behind/", views.behind, name="behind"),
    path("<slug:key>/export.<slug:fmt>", views.export, name="export"),
]
