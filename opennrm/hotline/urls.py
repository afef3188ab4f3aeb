from django.urls import path

from opennrm.hotline import views

app_name = "hotline"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.contact_new, name="new"),
    path("<uuid:contact_id>/", views.contact_detail, name="contact"),
    path("<uuid:contact_id>/emergency/", views.emergency_refer, name="emergency"),
    path("<uuid:contact_id>/emergency/close/", views.emergency_close, name="emergency_close"),
]
