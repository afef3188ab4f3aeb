from django.urls import path

from opennrm.matching import views

app_name = "matching"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
]
