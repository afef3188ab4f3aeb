from django.urls import path

from opennrm.stats import views

app_name = "stats"

urlpatterns = [path("", views.statistics, name="statistics")]
