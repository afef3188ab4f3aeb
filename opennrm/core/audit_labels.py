"""What each audit action means, in the reader's language."""

from django.utils.translation import gettext_lazy as _

AUDIT_ACTION_LABELS = {
    "case.accessed": _("Case opened for reading"),
    "case.access_refused": _("Access to a case refused"),
    "case.opened": _("Case registered"),
    "case.updated": _("Case changed"),
    "case.stage_changed": _("Stage changed"),
    "case.status_decided": _("Status decision recorded"),
    "case.note_added": _("Note added"),
    "case.consent_recorded": _("Consent recorded"),
    "case.consent_withdrawn": _("Consent withdrawn"),
    "person.created": _("Person registered"),
    "person.updated": _("Personal details changed"),
    "person.document_added": _("Identity document added"),
    "organisation.created": _("Organisation created"),
    "user.created": _("User created"),
    "user.language_changed": _("Language changed"),
    "membership.granted": _("Role granted"),
    "membership.switched": _("Acting organisation switched"),
    "mfa.enrolment_started": _("Authenticator enrolment started"),
    "mfa.enrolled": _("Authenticator enrolled"),
    "mfa.verified": _("Second factor verified"),
    "mfa.failed": _("Wrong second-factor code"),
    "keys.rotated": _("Encryption keys rotated"),
    "deadlines.digest_sent": _("Deadlines e-mail sent"),
}
