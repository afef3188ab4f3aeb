from django.urls import path

from opennrm.voice import public, views

app_name = "voice"

urlpatterns = [
    path("", public.feedback, name="feedback"),
    path("thanks/", public.thanks, name="thanks"),
    path("complaint/", public.complaint, name="public_complaint"),
    path("complaint/status/", public.complaint_status, name="complaint_status"),
    path("case/<uuid:case_id>/code/", views.issue_code, name="issue_code"),
    path("results/", views.results, name="results"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<uuid:complaint_id>/", views.complaint_detail, name="complaint"),
    path(
        "complaints/<uuid:complaint_id>/<slug:step>/", views.complaint_step, name="complaint_step"
    ),
]
