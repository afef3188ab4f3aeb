from enum import StrEnum


class Permission(StrEnum):
    """What a role may do, named after the workflow step rather than a numeric code."""

    VIEW_CASES = "view_cases"
    CREATE_CASE = "create_case"
    EDIT_CASE = "edit_case"
    CHANGE_CASE_STAGE = "change_case_stage"
    RECORD_STATUS_DECISION = "record_status_decision"
    ADD_CASE_NOTE = "add_case_note"
    RUN_SCREENING = "run_screening"
    RECORD_CONTACT = "record_contact"
    VIEW_CONTACTS = "view_contacts"
    MANAGE_SERVICES = "manage_services"
    RECORD_CONSENT = "record_consent"
    VIEW_CASE_AUDIT_TRAIL = "view_case_audit_trail"
    VIEW_ORGANISATION_ACCESS_LOG = "view_organisation_access_log"
    VIEW_MEMBERS = "view_members"
    ADMINISTER_SYSTEM = "administer_system"
    SEND_REFERRAL = "send_referral"
    RESPOND_TO_REFERRAL = "respond_to_referral"
    OVERRIDE_REFERRAL_CONSENT = "override_referral_consent"
    SUPERVISE_REFERRALS = "supervise_referrals"
    TRANSFER_CASE = "transfer_case"
    REQUEST_TRANSFER = "request_transfer"
    MANAGE_STAYS = "manage_stays"
    VIEW_CENTRE_LOCATIONS = "view_centre_locations"
    REVIEW_CROSS_ORGANISATION_DUPLICATES = "review_cross_organisation_duplicates"
    REVIEW_DUPLICATES = "review_duplicates"
    # Criminal proceedings: the justice roles of the authorities in charge read and record;
    # a victims' lawyer reads their clients' proceedings.
    VIEW_PROCEEDINGS = "view_proceedings"
    RECORD_PROCEEDINGS = "record_proceedings"
    VIEW_CLIENT_PROCEEDINGS = "view_client_proceedings"
    # Shows a protected person's real identity to the justice chain (Law 27-14 art. 448-9):
    # each time with a reason, audited, the case's owner notified.
    REVEAL_PROTECTED_IDENTITY = "reveal_protected_identity"
    # Complaints by survivors: handled by the national commission, never by the organisation
    # complained about. Feedback results: an organisation reads its own, above a threshold.
    HANDLE_COMPLAINTS = "handle_complaints"
    ISSUE_FEEDBACK_CODE = "issue_feedback_code"
    VIEW_FEEDBACK_RESULTS = "view_feedback_results"
    # National aggregates, small cells hidden: the commission and the donors.
    VIEW_NATIONAL_STATISTICS = "view_national_statistics"
    # Names, dates of birth and phones in a spreadsheet leave the system's protection: only
    # the roles that answer for their organisation's records may take them out.
    EXPORT_IDENTIFYING_DATA = "export_identifying_data"
    # A file of records (an agency's list, a spreadsheet before import) deduplicated on the
    # batch page: the senior roles who answer for their organisation's records.
    LINK_FILES = "link_files"
    # Law 09-08: the retention rules and their preview (the data protection officer), and legal
    # holds that keep a person's records past them (prosecutors, the data protection officer).
    MANAGE_RETENTION = "manage_retention"
    PLACE_LEGAL_HOLD = "place_legal_hold"
    # A person's requests to exercise their rights, recorded and answered by the organisation
    # that owns their case; erasing what it holds is for its senior roles.
    HANDLE_RIGHTS_REQUESTS = "handle_rights_requests"
    ERASE_PERSON_DATA = "erase_person_data"


# Permissions that open victim data: any role holding one must use a second factor.
VICTIM_DATA_PERMISSIONS = frozenset(
    {
        Permission.VIEW_CASES,
        Permission.CREATE_CASE,
        Permission.RECORD_CONTACT,
        Permission.VIEW_CONTACTS,
        Permission.EDIT_CASE,
        Permission.VIEW_CASE_AUDIT_TRAIL,
        Permission.VIEW_ORGANISATION_ACCESS_LOG,
        Permission.ADMINISTER_SYSTEM,
        Permission.SEND_REFERRAL,
        Permission.RESPOND_TO_REFERRAL,
        Permission.MANAGE_STAYS,
        Permission.VIEW_PROCEEDINGS,
        Permission.VIEW_CLIENT_PROCEEDINGS,
        # Complaints and free-text feedback may name or describe a survivor.
        Permission.HANDLE_COMPLAINTS,
        Permission.VIEW_FEEDBACK_RESULTS,
        Permission.EXPORT_IDENTIFYING_DATA,
        Permission.LINK_FILES,
        Permission.HANDLE_RIGHTS_REQUESTS,
        Permission.ERASE_PERSON_DATA,
    }
)
