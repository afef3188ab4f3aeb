"""Every read of the referral mechanism.

directory.py  the service directory
referral.py   referrals: access, what the recipient sees, work lists, panels
transfer.py   transfers of responsibility
"""

from opennrm.referrals.selectors.directory import (
    ServiceNeed,
    find_services,
    services_of,
)
from opennrm.referrals.selectors.referral import (
    LIMIT,
    RECIPIENT,
    REFERRAL_SORTS,
    SENDER,
    DisclosedItem,
    ReferralFilters,
    ReferralWork,
    access_referral,
    actions_a_referral_can_deliver,
    disclosed_record,
    incoming_referrals,
    outgoing_referrals,
    referral_case_panel,
    referral_case_rows,
    referral_events,
    referral_home_panel,
    referral_rows,
    referral_work,
    referrals_of_case,
    referrals_visible_to,
    side_of,
)
from opennrm.referrals.selectors.transfer import (
    TransferSummary,
    access_transfer,
    transfer_case_panel,
    transfer_case_rows,
    transfer_home_panel,
    transfer_list,
    transfer_summary,
    transfers_needing_answer,
    transfers_of_case,
    transfers_visible_to,
)

__all__ = [
    "LIMIT",
    "RECIPIENT",
    "REFERRAL_SORTS",
    "SENDER",
    "DisclosedItem",
    "ReferralFilters",
    "ReferralWork",
    "ServiceNeed",
    "TransferSummary",
    "access_referral",
    "access_transfer",
    "actions_a_referral_can_deliver",
    "disclosed_record",
    "find_services",
    "incoming_referrals",
    "outgoing_referrals",
    "referral_case_panel",
    "referral_case_rows",
    "referral_events",
    "referral_home_panel",
    "referral_rows",
    "referral_work",
    "referrals_of_case",
    "referrals_visible_to",
    "services_of",
    "side_of",
    "transfer_case_panel",
    "transfer_case_rows",
    "transfer_home_panel",
    "transfer_list",
    "transfer_summary",
    "transfers_needing_answer",
    "transfers_of_case",
    "transfers_visible_to",
]
