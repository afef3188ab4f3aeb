from django.db import models
from django.utils.translation import gettext_lazy as _

from opennrm.core.permissions import VICTIM_DATA_PERMISSIONS, Permission


class Role(models.TextChoices):
    HOTLINE_OPERATOR = "hotline_operator", _("Hotline operator")
    FIRST_RESPONDER = "first_responder", _("First responder")
    CASE_MANAGER = "case_manager", _("Case manager")
    SUPERVISOR = "supervisor", _("Case management supervisor")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    JUDICIAL_POLICE_OFFICER = "judicial_police_officer", _("Judicial police officer")
    COURT_CLERK = "court_clerk", _("Court clerk")
    VICTIMS_LAWYER = "victims_lawyer", _("Victims' lawyer (legal aid)")
    COORDINATOR = "coordinator", _("Coordinator (national commission)")
    DATA_PROTECTION_OFFICER = (
        "data_protection_officer",
        _("Data protection officer (national commission)"),
    )
    DONOR_VIEWER = "donor_viewer", _("Donor programme officer")
    ORGANISATION_ADMIN = "organisation_admin", _("Organisation administrator")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    AUDITOR = "auditor", _("Auditor")


P = Permission
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.HOTLINE_OPERATOR: frozenset(
        {
            P.VIEW_CASES,
            P.CREATE_CASE,
            P.ADD_CASE_NOTE,
            P.RECORD_CONSENT,
            P.RUN_SCREENING,
            P.RECORD_CONTACT,
            P.VIEW_CONTACTS,
        }
    ),
    Role.FIRST_RESPONDER: frozenset(
        {
            P.VIEW_CASES,
            P.RECORD_CONTACT,
            P.VIEW_CONTACTS,
            P.RUN_SCREENING,
            P.CREATE_CASE,
            P.EDIT_CASE,
            P.RECORD_STATUS_DECISION,
            P.ADD_CASE_NOTE,
            P.RECORD_CONSENT,
            P.SEND_REFERRAL,
        }
    ),
    Role.CASE_MANAGER: frozenset(
        {
            P.VIEW_CASES,
            P.RECORD_CONTACT,
            P.VIEW_CONTACTS,
            P.RUN_SCREENING,
            P.CREATE_CASE,
            P.EDIT_CASE,
            P.CHANGE_CASE_STAGE,
            P.RECORD_STATUS_DECISION,
            P.ADD_CASE_NOTE,
            P.RECORD_CONSENT,
            P.VIEW_CASE_AUDIT_TRAIL,
            P.SEND_REFERRAL,
            P.RESPOND_TO_REFERRAL,
            P.TRANSFER_CASE,
            P.REVIEW_DUPLICATES,
            P.ISSUE_FEEDBACK_CODE,
            P.HANDLE_RIGHTS_REQUESTS,
        }
    ),
    # A supervisor does what case managers do, and may override a missing referral consent
    # (with an audited reason) and revoke any referral of the organisation.
    Role.SUPERVISOR: frozenset(
        {
            P.VIEW_CASES,
            P.RECORD_CONTACT,
            P.VIEW_CONTACTS,
            P.RUN_SCREENING,
            P.CREATE_CASE,
            P.EDIT_CASE,
            P.CHANGE_CASE_STAGE,
            P.RECORD_STATUS_DECISION,
            P.ADD_CASE_NOTE,
            P.RECORD_CONSENT,
            P.VIEW_CASE_AUDIT_TRAIL,
            P.SEND_REFERRAL,
            P.RESPOND_TO_REFERRAL,
            P.OVERRIDE_REFERRAL_CONSENT,
            P.SUPERVISE_REFERRALS,
            P.TRANSFER_CASE,
            P.REVIEW_DUPLICATES,
            P.ISSUE_FEEDBACK_CODE,
            P.VIEW_FEEDBACK_RESULTS,
            P.EXPORT_IDENTIFYING_DATA,
            P.LINK_FILES,
            P.HANDLE_RIGHTS_REQUESTS,
            P.ERASE_PERSON_DATA,
        }
    ),
    Role.SERVICE_PROVIDER: frozenset(
        {
            P.VIEW_CASES,
            P.ADD_CASE_NOTE,
            P.RECORD_CONSENT,
            P.RUN_SCREENING,
            P.RESPOND_TO_REFERRAL,
            P.MANAGE_STAYS,
            P.ISSUE_FEEDBACK_CODE,
        }
    ),
    Role.PROSECUTOR: frozenset(
        {
            P.VIEW_CASES,
            P.RECORD_STATUS_DECISION,
            P.ADD_CASE_NOTE,
            P.VIEW_PROCEEDINGS,
            P.RECORD_PROCEEDINGS,
            P.REVEAL_PROTECTED_IDENTITY,
            P.PLACE_LEGAL_HOLD,
        }
    ),
    # The justice roles read and record the proceedings their authority has been in charge of;
    # they see no victim's case file.
    Role.JUDICIAL_POLICE_OFFICER: frozenset({P.VIEW_PROCEEDINGS, P.RECORD_PROCEEDINGS}),
    Role.COURT_CLERK: frozenset({P.VIEW_PROCEEDINGS, P.RECORD_PROCEEDINGS}),
    Role.VICTIMS_LAWYER: frozenset({P.VIEW_CLIENT_PROCEEDINGS}),
    Role.COORDINATOR: frozenset(
        {
            P.VIEW_CASES,
            P.VIEW_CONTACTS,
            P.RUN_SCREENING,
            P.CREATE_CASE,
            P.EDIT_CASE,
            P.CHANGE_CASE_STAGE,
            P.RECORD_STATUS_DECISION,
            P.ADD_CASE_NOTE,
            P.VIEW_CASE_AUDIT_TRAIL,
            # Sending referrals includes recording the consent they rest on.
            P.RECORD_CONSENT,
            P.SEND_REFERRAL,
            P.OVERRIDE_REFERRAL_CONSENT,
            P.SUPERVISE_REFERRALS,
            P.TRANSFER_CASE,
            P.REQUEST_TRANSFER,
            P.VIEW_CENTRE_LOCATIONS,
            P.VIEW_FEEDBACK_RESULTS,
            P.VIEW_NATIONAL_STATISTICS,
            P.LINK_FILES,
            P.HANDLE_RIGHTS_REQUESTS,
            P.ERASE_PERSON_DATA,
        }
    ),
    # Sees cross-organisation duplicate alerts (references, organisations, scores; never names)
    # and decides whether to put the organisations in touch.
    # ... and receives survivors' complaints, whichever organisation they are about.
    # ... and keeps the retention rules, places and lifts legal holds.
    Role.DATA_PROTECTION_OFFICER: frozenset(
        {
            P.REVIEW_CROSS_ORGANISATION_DUPLICATES,
            P.HANDLE_COMPLAINTS,
            P.MANAGE_RETENTION,
            P.PLACE_LEGAL_HOLD,
        }
    ),
    Role.DONOR_VIEWER: frozenset({P.VIEW_NATIONAL_STATISTICS}),
    Role.ORGANISATION_ADMIN: frozenset(
        {
            P.VIEW_ORGANISATION_ACCESS_LOG,
            P.VIEW_CASE_AUDIT_TRAIL,
            P.VIEW_MEMBERS,
            P.MANAGE_SERVICES,
            P.VIEW_FEEDBACK_RESULTS,
        }
    ),
    Role.SYSTEM_ADMIN: frozenset({P.ADMINISTER_SYSTEM}),
    Role.AUDITOR: frozenset({P.VIEW_ORGANISATION_ACCESS_LOG, P.VIEW_CASE_AUDIT_TRAIL}),
}


def permissions_of(role: str) -> frozenset[Permission]:
    return ROLE_PERMISSIONS.get(role, frozenset())


def role_needs_second_factor(role: str) -> bool:
    return bool(permissions_of(role) & VICTIM_DATA_PERMISSIONS)
