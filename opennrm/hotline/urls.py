from django.urls import path

from opennrm.hotline import views

app_name = "hotline"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.contact_new, name="new"),
    path("contacts/", views.contact_list, name="list"),
    path("contacts/export.<slug:fmt>", views.contact_export, name="export"),
    path("<uuid:contact_id>/", views.contact_detail, name="contact"),
    path("<uuid:contact_id>/emergency/", views.emergency_refer, name="emergency"),
    path("<uuid:contact_id>/emergency/close/", views.emergency_close, name="emergency_close"),
    path("<uuid:contact_id>/update/", views.contact_update, name="update"),
    path("<uuid:contact_id>/callback/", views.callback_attempt, name="callback"),
    path("<uuid:contact_id>/close/", views.contact_close, name="close"),
]
