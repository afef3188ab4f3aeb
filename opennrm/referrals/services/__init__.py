"""Every write of the referral mechanism: one transaction each, with its audit event.

directory.py  service_create, service_update (the service directory)
referral.py   referral_send: consent, disclosure, deadlines; the transition machinery
referral_flow.py  referral_accept, _decline, _start_service, _complete, _revoke, _message,
              _disclose_more; referrals_expire_overdue; cancellation on consent withdrawal
link.py       one-time links for recipients without an account
transfer.py   transfer_propose, _request, _agree, _refuse, _accept, _decline, _withdraw
"""

from opennrm.referrals.services.directory import ServiceDetails, service_create, service_update
from opennrm.referrals.services.link import (
    IssuedLink,
    find_link,
    link_session_valid,
    referral_link_answer,
    referral_link_issue,
    referral_link_open,
    referral_link_viewed,
)
from opennrm.referrals.services.referral import (
    ALLOWED_TRANSITIONS,
    ReferralRequest,
    consent_covers,
    covering_consent,
    is_child,
    referral_send,
    referral_sync_support_action,
    response_deadline,
)
from opennrm.referrals.services.referral_flow import (
    referral_accept,
    referral_complete,
    referral_decline,
    referral_disclose_more,
    referral_message,
    referral_revoke,
    referral_start_service,
    referrals_cancel_for_withdrawn_consent,
    referrals_expire_overdue,
)
from opennrm.referrals.services.transfer import (
    ALLOWED_TRANSFER_MOVES,
    transfer_accept,
    transfer_agree,
    transfer_decline,
    transfer_propose,
    transfer_refuse,
    transfer_request,
    transfer_withdraw,
    transfers_cancel_for_withdrawn_consent,
)

__all__ = [
    "ALLOWED_TRANSFER_MOVES",
    "ALLOWED_TRANSITIONS",
    "IssuedLink",
    "ReferralRequest",
    "ServiceDetails",
    "consent_covers",
    "covering_consent",
    "find_link",
    "is_child",
    "link_session_valid",
    "referral_accept",
    "referral_complete",
    "referral_decline",
    "referral_disclose_more",
    "referral_link_answer",
    "referral_link_issue",
    "referral_link_open",
    "referral_link_viewed",
    "referral_message",
    "referral_revoke",
    "referral_send",
    "referral_start_service",
    "referral_sync_support_action",
    "referrals_cancel_for_withdrawn_consent",
    "referrals_expire_overdue",
    "response_deadline",
    "service_create",
    "service_update",
    "transfer_accept",
    "transfer_agree",
    "transfer_decline",
    "transfer_propose",
    "transfer_refuse",
    "transfer_request",
    "transfer_withdraw",
    "transfers_cancel_for_withdrawn_consent",
]
