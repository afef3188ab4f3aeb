from django.urls import path

from opennrm.matching import batch_views, review_views, views

app_name = "matching"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<uuid:alert_id>/decide/", views.alert_decide, name="alert_decide"),
    path("review/", review_views.queue, name="review"),
    path("review/<uuid:candidate_id>/", review_views.pair, name="pair"),
    path("review/<uuid:candidate_id>/decide/", review_views.decide, name="pair_decide"),
    path("merges/<uuid:merge_id>/undo/", review_views.undo, name="merge_undo"),
    path("batch/", batch_views.batch, name="batch"),
    path("batch/<uuid:job_id>/", batch_views.batch_job, name="batch_job"),
    path("batch/<uuid:job_id>/clusters.csv", batch_views.batch_clusters, name="batch_clusters"),
    path("batch/<uuid:job_id>/delete/", batch_views.batch_delete, name="batch_delete"),
]
