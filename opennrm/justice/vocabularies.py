"""Justice picklists. The stages of a proceeding and the authorities are data (one file per
country under data/procedures/); what stays here is what every country's system shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityKind(models.TextChoices):
    POLICE = "Police", _("Judicial police")
    GENDARMERIE = "Gendarmerie", _("Gendarmerie")
    PROSECUTOR_OFFICE = "ProsecutorOffice", _("Public prosecutor's office")
    INVESTIGATING_JUDGE = "InvestigatingJudge", _("Investigating judge")
    FIRST_INSTANCE_COURT = "FirstInstanceCourt", _("Court of first instance")
    APPEAL_COURT = "AppealCourt", _("Court of appeal")
    CASSATION_COURT = "CassationCourt", _("Court of cassation")


class StagePhase(models.TextChoices):
    """What a stage counts as in the national figures, whatever a country calls it."""

    REPORT = "Report", _("Complaint or report")
    INVESTIGATION = "Investigation", _("Investigation")
    PROSECUTION = "Prosecution", _("Prosecution")
    TRIAL = "Trial", _("Trial")
    FINAL = "Final", _("Final judgment")
    DROPPED = "Dropped", _("Dropped")


class VictimRole(models.TextChoices):
    VICTIM = "Victim", _("Victim")
    WITNESS = "Witness", _("Witness")
    CIVIL_PARTY = "CivilParty", _("Civil party")


class LinkBasis(models.TextChoices):
    """Why the case's owner tells the justice side who the victim is."""

    COMPLAINT = "Complaint", _("The person filed a complaint or was heard")
    PROSECUTOR_REQUEST = "ProsecutorRequest", _("Request of the public prosecutor")
    DUTY_TO_REPORT = "DutyToReport", _("Duty to report (Law 27-14, art. 448-7)")
    CONSENT = "Consent", _("The person's consent")
