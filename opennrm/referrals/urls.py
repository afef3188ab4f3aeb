from django.urls import path

from opennrm.referrals.views import consent, directory, link, lists, referral, transfer

app_name = "referrals"

urlpatterns = [
    path("services/", directory.directory, name="directory"),
    path("services/new/", directory.service_edit, name="service_new"),
    path("services/<str:service_id>/edit/", directory.service_edit, name="service_edit"),
    path("referrals/", lists.referral_list, name="list"),
    path("referrals/export.<slug:fmt>", lists.referral_export, name="export"),
    path("referrals/case/<uuid:case_id>/new/", referral.referral_new, name="new"),
    path(
        "referrals/case/<uuid:case_id>/consent/",
        consent.referral_consent,
        name="consent_inline",
    ),
    path("referrals/<uuid:referral_id>/", referral.referral_detail, name="referral"),
    path("referrals/<uuid:referral_id>/print/", referral.referral_print, name="referral_print"),
    path("referrals/<uuid:referral_id>/accept/", referral.referral_accept, name="accept"),
    path("referrals/<uuid:referral_id>/decline/", referral.referral_decline, name="decline"),
    path("referrals/<uuid:referral_id>/start/", referral.referral_start, name="start"),
    path("referrals/<uuid:referral_id>/complete/", referral.referral_complete, name="complete"),
    path("referrals/<uuid:referral_id>/revoke/", referral.referral_revoke, name="revoke"),
    path("referrals/<uuid:referral_id>/message/", referral.referral_message, name="message"),
    path("referrals/<uuid:referral_id>/disclose/", referral.referral_disclose, name="disclose"),
    path("referrals/<uuid:referral_id>/link/", referral.referral_link, name="issue_link"),
    path("transfers/", transfer.transfer_list, name="transfers"),
    path("transfers/request/", transfer.transfer_request, name="transfer_request"),
    path("transfers/case/<uuid:case_id>/new/", transfer.transfer_new, name="transfer_new"),
    path("transfers/<uuid:transfer_id>/", transfer.transfer_detail, name="transfer"),
    path(
        "transfers/<uuid:transfer_id>/<slug:action>/",
        transfer.transfer_answer,
        name="transfer_answer",
    ),
    path("r/<str:token>/", link.link_open, name="link_open"),
    path("r/<str:token>/referral/", link.link_view, name="link_view"),
]
