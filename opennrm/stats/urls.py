from django.urls import path

from opennrm.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("<slug:key>/", views.figure, name="figure"),
    path("<slug:key>/export.<slug:fmt>", views.export, name="export"),
]
