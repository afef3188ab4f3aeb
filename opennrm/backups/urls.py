from django.urls import path

from opennrm.backups import views

app_name = "backups"

urlpatterns = [
    path("", views.backups, name="list"),
]
