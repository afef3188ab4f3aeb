from django.urls import path

from opennrm.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.service_edit, name="service_new"),
    path("<str:service_id>/edit/", views.service_edit, name="service_edit"),
]
