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


class PerpetratorStatus(models.TextChoices):
    SUSPECT = "Suspect", _("Suspect")
    ACCUSED = "Accused", _("Accused")


class RoleInProcess(models.TextChoices):  # HTCDS per_RoleInProcess
    TRAVELLING_PARTNER = "TravellingPartner", _("Travelling partner")
    TRANSPORTER = "Transporter", _("Transporter")
    RECRUITER = "RecruiterOrIntermediary", _("Recruiter or intermediary")
    BROKER = "BrokerTravelAgent", _("Broker or travel agent")
    TRANSFERRED = "TransferredIndividual", _("Transferred the person")
    HARBOURED = "HarbouredIndividual", _("Harboured the person")
    SOLD = "SoldIndividual", _("Sold the person")
    BOUGHT = "BoughtIndividual", _("Bought the person")
    RECEIVED = "ReceivedIndividual", _("Received the person")
    CONTROLLED = "ControlledIndividual", _("Controlled the person")
    SMUGGLER = "Smuggler", _("Smuggler")
    ABUSER = "Abuser", _("Abuser")
    KIDNAPPER = "Kidnapper", _("Kidnapper")
    EXPLOITER = "Exploiter", _("Exploiter")
    OTHER = "Other", _("Other")


class RelationToVictim(models.TextChoices):
    FAMILY = "Family", _("Family member")
    PARTNER = "Partner", _("Partner or spouse")
    EMPLOYER = "Employer", _("Employer")
    ACQUAINTANCE = "Acquaintance", _("Acquaintance or friend")
    STRANGER = "Stranger", _("Stranger")
    OFFICIAL = "Official", _("Public official")
    UNKNOWN = "Unknown", _("Unknown")


class Aggravation(models.TextChoices):
    CHILD_VICTIM = "ChildVictim", _("Child victim")
    TRANSNATIONAL = "Transnational", _("Transnational")
    ORGANISED_GROUP = "OrganisedGroup", _("Organised group")
    VICTIM_DEATH = "VictimDeath", _("Death of the victim")
    PUBLIC_OFFICIAL = "PublicOfficial", _("Committed by a public official")


class JudgmentInstance(models.TextChoices):
    FIRST_INSTANCE = "FirstInstance", _("First instance")
    APPEAL = "Appeal", _("Appeal")
    CASSATION = "Cassation", _("Cassation")


class JudgmentOutcome(models.TextChoices):
    CONVICTION = "Conviction", _("Conviction")
    ACQUITTAL = "Acquittal", _("Acquittal")
    REQUALIFICATION = "Requalification", _("Convicted of another offence (requalification)")
    QUASHED = "Quashed", _("Quashed and referred back")


class HearingPurpose(models.TextChoices):
    VICTIM_HEARING = "VictimHearing", _("Hearing of the victim")
    INVESTIGATION = "Investigation", _("Investigating judge's hearing")
    TRIAL = "Trial", _("Trial hearing")
    JUDGMENT = "Judgment", _("Delivery of the judgment")
    OTHER = "Other", _("Other")


class Attendance(models.TextChoices):
    EXPECTED = "Expected", _("Expected")
    NOT_SUMMONED = "NotSummoned", _("Not summoned")
    ATTENDED = "Attended", _("Attended")
    REPRESENTED = "Represented", _("Represented by a lawyer")
    ABSENT = "Absent", _("Absent")


class TestimonyMode(models.TextChoices):
    IN_PERSON = "InPerson", _("In person")
    VIDEO = "Video", _("By video")
    BEHIND_SCREEN = "BehindScreen", _("Behind a screen")
    NONE = "None", _("Does not testify")


class MeasureKind(models.TextChoices):
    """Protection of victims and witnesses (Code of Criminal Procedure art. 82-4 ff.)."""

    IDENTITY_CONCEALMENT = "IdentityConcealment", _("Identity concealed in the file")
    ADDRESS_CONFIDENTIAL = "AddressConfidential", _("Address kept confidential")
    POLICE_PROTECTION = "PoliceProtection", _("Police protection")
    CHANGE_OF_RESIDENCE = "ChangeOfResidence", _("Change of residence")
    VIDEO_TESTIMONY = "VideoTestimony", _("Testimony by video")
    NO_CONTACT_ORDER = "NoContactOrder", _("No-contact order")
    ALERT_PHONE = "AlertPhone", _("Phone number for alerts")


class MeasureState(models.TextChoices):
    REQUESTED = "Requested", _("Requested")
    GRANTED = "Granted", _("Granted")
    REFUSED = "Refused", _("Refused")
    LIFTED = "Lifted", _("Lifted")


class Requester(models.TextChoices):
    VICTIM = "Victim", _("The person")
    LAWYER = "Lawyer", _("The person's lawyer")
    CASE_MANAGER = "CaseManager", _("The case manager")
    PROSECUTOR = "Prosecutor", _("The public prosecutor")
    JUDGE = "Judge", _("The judge (of their own motion)")


class PenalisedAct(models.TextChoices):
    """Acts a victim may be penalised for, committed as a result of being trafficked."""

    IRREGULAR_ENTRY_OR_STAY = "IrregularEntryOrStay", _("Irregular entry or stay")
    PROSTITUTION = "Prostitution", _("Prostitution")
    BEGGING = "Begging", _("Begging")
    DRUGS = "Drugs", _("Drugs")
    FALSE_DOCUMENTS = "FalseDocuments", _("False documents")
    OTHER = "Other", _("Other")


class PenaltyMeasure(models.TextChoices):
    PROSECUTED = "Prosecuted", _("Prosecuted")
    ARRESTED = "Arrested", _("Arrested")
    DETAINED = "Detained", _("Detained")
    FINED = "Fined", _("Fined")
    EXPELLED = "Expelled", _("Expelled or deported")


class NonPunishmentOutcome(models.TextChoices):
    NOT_REQUESTED = "NotRequested", _("Not requested")
    PENDING = "Pending", _("Requested, pending")
    APPLIED = "Applied", _("Applied: not penalised")
    REFUSED = "Refused", _("Refused: penalised")


class ResidenceKind(models.TextChoices):
    STAY_UNTIL_END = "StayUntilEnd", _("Right to stay until the end of the proceedings")
    VOLUNTARY_RETURN = "VoluntaryReturn", _("Voluntary and safe return")


class Decision(models.TextChoices):
    PENDING = "Pending", _("Pending")
    GRANTED = "Granted", _("Granted")
    REFUSED = "Refused", _("Refused")
