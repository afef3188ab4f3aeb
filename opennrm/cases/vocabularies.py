"""Case picklists: HTCDS v2 value names, extended with the forms of Law 27-14 (art. 448-1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NRMStage(models.TextChoices):
    IDENTIFICATION = "Identification", _("Identification")
    IMMEDIATE_ASSISTANCE = "ImmediateAssistance", _("Immediate assistance and protection")
    LONG_TERM_ASSISTANCE = "LongTermAssistance", _("Long-term assistance")
    RETURN_REINTEGRATION = "ReturnReintegration", _("Return and reintegration")
    CLOSED = "Closed", _("Closed")


class CaseStatus(models.TextChoices):  # cas_Status
    ACTIVE = "Active", _("Active")
    FOLLOW_UP = "FollowUp", _("Follow-up")
    CLOSED = "Closed", _("Closed")
    CLOSED_REFERRED = "ClosedReferred", _("Closed (referred)")


class TraffickingStatus(models.TextChoices):  # vic_TraffickingStatus
    POSSIBLE = "PossibleVictimOfTrafficking", _("Possible victim")
    ACTUAL = "ActualVictimOfTrafficking", _("Identified victim")
    NOT_A_VICTIM = "NotAVictimOfTrafficking", _("Not a victim of trafficking")


class DecisionKind(models.TextChoices):
    INITIAL = "Initial", _("Initial assessment at registration")
    PRELIMINARY = "Preliminary", _("Preliminary identification")
    FINAL = "Final", _("Formal identification")
    REVIEW = "Review", _("Review of a previous decision")


class DecisionMakingBody(models.TextChoices):  # vic_TraffickingStatusDecisionMakingOrg
    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT_OR_PROSECUTION = "CourtOrProsecution", _("Court or prosecution")
    NON_POLICE_GOVERNMENT = "NonPoliceGovernmentalOrganization", _("Non-police government body")
    OTHER = "Other", _("Other")


class ExploitationType(models.TextChoices):
    # HTCDS v2 vic_TypeOfExploitation
    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL_EXPLOITATION = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude")
    FORCED_MILITARY = (
        "ForcedMilitaryByNonStateActors",
        _("Forced military service by non-state actors"),
    )
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    OTHER = "Other", _("Other")
    # Law 27-14, art. 448-1: forms the HTCDS list does not name
    SLAVERY_LIKE_PRACTICES = (
        "SlaveryOrSimilarPractices",
        _("Slavery or practices similar to slavery"),
    )
    TISSUE_OR_ORGAN_TRAFFICKING = (
        "OrganOrTissueTrafficking",
        _("Trafficking in organs or human tissue"),
    )
    MEDICAL_EXPERIMENTATION = (
        "MedicalExperimentation",
        _("Medical experiments or research on living persons"),
    )
    CRIMINAL_PURPOSES = "CriminalPurposes", _("Exploitation for criminal purposes")
    ARMED_CONFLICT = "ArmedConflict", _("Exploitation in armed conflict")
    PORNOGRAPHY = "Pornography", _("Exploitation through pornography, including online")


# Mapping table from the Law 27-14 extensions to the HTCDS value that reports them, so that
# HTCDS/CTDC exports stay comparable. [P]: confirm with the CNCLT before the first export.
LAW_27_14_TO_HTCDS: dict[str, str] = {
    ExploitationType.SLAVERY_LIKE_PRACTICES: ExploitationType.SERVITUDE,
    ExploitationType.TISSUE_OR_ORGAN_TRAFFICKING: ExploitationType.ORGAN_REMOVAL,
    ExploitationType.MEDICAL_EXPERIMENTATION: ExploitationType.OTHER,
    ExploitationType.CRIMINAL_PURPOSES: ExploitationType.OTHER,
    ExploitationType.ARMED_CONFLICT: ExploitationType.FORCED_MILITARY,
    ExploitationType.PORNOGRAPHY: ExploitationType.SEXUAL_EXPLOITATION,
}


class MethodOfControl(models.TextChoices):  # vic_MethodsOfControl
    PHYSICAL_THREATS = "PhysicalThreats", _("Threats of physical harm")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of law enforcement")
    THREATENS_CHILDREN_FAMILY = "ThreatensChildrenFamily", _("Threats against children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("Restricts access to money")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_WORKING_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", _("Other")


class MethodOfRecruitment(models.TextChoices):  # vic_MethodOfRecruitment
    AT_PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    AT_EDUCATIONAL_INSTITUTION = "AtAnEducationalInstitution", _("At an educational institution")
    AT_WORK = "AtWork", _("At work")
    ONLINE_SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_ADVERTISEMENT = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TELEVISION_ADVERT = "ThroughATelevisionAdvert", _("Through a television advert")
    NEWSPAPER_ADVERT = "ThroughANewspaperAdvert", _("Through a newspaper advert")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", _("Other")


class WebsiteOrApp(
    models.TextChoices
):  # vic_RecruitmentWebsitesAndApps, ...ExploitationWebsitesAndApps
    FACEBOOK = "Facebook", "Facebook"
    INSTAGRAM = "Instagram", "Instagram"
    WHATSAPP = "WhatsApp", "WhatsApp"
    TELEGRAM = "Telegram", "Telegram"
    FACEBOOK_MESSENGER = "FacebookMessenger", "Facebook Messenger"
    VIBER = "Viber", "Viber"
    SNAPCHAT = "SnapChat", "Snapchat"
    LINE = "Line", "LINE"
    FOUR_SALE = "4Sale", "4Sale"
    WECHAT = "WeChat", "WeChat"
    QQ = "QQ", "QQ"
    QZONE = "QZone", "QZone"
    TIKTOK = "TikTok", "TikTok"
    TWITTER = "Twitter", "Twitter / X"
    OTHER = "Other", _("Other")


class SexExploitationType(models.TextChoices):  # vic_TypeOfSexExploitation
    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE_INTERACTIVE = "RemoteInteractiveServices", _("Remote interactive services")
    PRIVATE_SEXUAL_SERVICES = "PrivateSexualServices", _("Private sexual services")


class RelationshipToTrafficker(models.TextChoices):
    FAMILIAL = "Familial", _("Family member")
    ACQUAINTED = "Acquainted", _("Acquaintance")
    UNACQUAINTED = "Unaquainted", _("Stranger")  # HTCDS spells the value this way


class ForcedLabourIndustry(models.TextChoices):  # vic_ForcedLabourIndustry, ISIC Rev.4
    A = "A_AgricultureForestryAndFishing", _("Agriculture, forestry and fishing")
    B = "B_MiningAndQuarrying", _("Mining and quarrying")
    C = "C_Manufacturing", _("Manufacturing")
    D = "D_ElectricityGasSteamAndAirConditioningSupply", _("Electricity and gas supply")
    E = "E_WaterSupplySewerageWasteManagement", _("Water supply and waste management")
    F = "F_Construction", _("Construction")
    G = "G_WholesaleAndRetailTradeRepairOfMotorVehicles", _("Wholesale and retail trade")
    H = "H_TransportationAndStorage", _("Transportation and storage")
    I = "I_AccommodationAndFoodServiceActivities", _("Accommodation and food services")  # noqa: E741
    J = "J_InformationAndCommunication", _("Information and communication")
    K = "K_FinancialAndInsuranceActivities", _("Financial and insurance activities")
    L = "L_RealEstateActivities", _("Real estate")
    M = "M_ProfessionalScientificAndTechnicalActivities", _("Professional and technical activities")
    N = "N_AdministrativeAndSupportServiceActivities", _("Administrative and support services")
    O = "O_PublicAdministrationAndDefence", _("Public administration and defence")  # noqa: E741
    P = "P_Education", _("Education")
    Q = "Q_HumanHealthAndSocialWorkActivities", _("Health and social work")
    R = "R_ArtsEntertainmentAndRecreation", _("Arts, entertainment and recreation")
    S = "S_OtherServiceActivities", _("Other services")
    T = "T_ActivitiesOfHouseholdsAsEmployers", _("Households as employers (domestic work)")
    U = "U_ActivitiesOfExtraterritorialOrganizations", _("Extraterritorial organisations")


class ReferralReason(models.TextChoices):  # cas_ReasonForIncomingReferral
    ADDITIONAL_SERVICES = "AdditionalServicesRequired", _("Additional services required")
    MIGRATION_OR_MOVE = "MigrationOrChangeOfLocation", _("Migration or change of location")
    OTHER = "Other", _("Other")


class ConsentPurpose(models.TextChoices):
    INTERVIEW = "Interview", _("Interview and screening")
    DATA_PROCESSING = "DataProcessing", _("Recording and processing personal data")
    REFERRAL = "Referral", _("Referral to a service provider")
    DATA_SHARING = "DataSharing", _("Sharing data with a named recipient")
    RESEARCH = "Research", _("Non-identifying research and statistics")


class ConsentGivenBy(models.TextChoices):
    PERSON = "Person", _("The person")
    GUARDIAN = "Guardian", _("Parent or legal guardian")
    COMPETENT_AUTHORITY = "CompetentAuthority", _("Competent authority (for a child)")


class IdentificationStage(models.TextChoices):
    PRELIMINARY = "Preliminary", _("Preliminary identification (reasonable grounds)")
    FINAL = "Final", _("Final identification (conclusive)")


class IdentificationState(models.TextChoices):
    REQUESTED = "Requested", _("Requested")
    DECIDED = "Decided", _("Decided")
    NOTIFIED = "Notified", _("Notified")


class IdentificationOutcome(models.TextChoices):
    POSITIVE = "Positive", _("Positive")
    NEGATIVE = "Negative", _("Negative")


class SupportType(models.TextChoices):
    """What a support action or a service provides: HTCDS v2 `spl_Type`, then the services of
    the referral mechanism."""

    # HTCDS v2 spl_Type
    EDUCATION = "Education", _("Education")
    FINANCIAL = "Financial", _("Financial support")
    HEALTH = "Health", _("Health")
    LABOUR_REHABILITATION = (
        "LabourExploitationRehabilitation",
        _("Rehabilitation after labour exploitation"),
    )
    LEGAL = "Legal", _("Legal")
    LIVELIHOOD = "Livelihood", _("Livelihood")
    RIGHTS_TRAINING = "RightsBasedTraining", _("Rights-based training")
    SEXUAL_REHABILITATION = (
        "SexualExploitationRehabilitation",
        _("Rehabilitation after sexual exploitation"),
    )
    SOCIAL_CARE = "SocialCare", _("Social care")
    # OpenNRM additions for the referral mechanism
    SHELTER = "Shelter", _("Shelter and accommodation")
    MEDICAL = "Medical", _("Medical care")
    PSYCHOSOCIAL = "Psychosocial", _("Psychosocial support")
    LEGAL_AID = "LegalAid", _("Legal aid")
    INTERPRETATION = "Interpretation", _("Interpretation")
    FAMILY_TRACING = "FamilyTracing", _("Family tracing")
    RETURN_ASSISTANCE = "ReturnAssistance", _("Return assistance")


class SupportDelivery(models.TextChoices):
    IN_HOUSE = "InHouse", _("By our organisation")
    REFERRAL = "Referral", _("Through a referral")


class SupportActionStatus(models.TextChoices):
    PLANNED = "Planned", _("Planned")
    REFERRED = "Referred", _("Referred: awaiting the provider")
    IN_PROGRESS = "InProgress", _("In progress")
    DELIVERED = "Delivered", _("Delivered")
    PARTIALLY_DELIVERED = "PartiallyDelivered", _("Partially delivered")
    NOT_DELIVERED = "NotDelivered", _("Not delivered")
    CANCELLED = "Cancelled", _("Cancelled")


DONE_ACTION_STATUSES = frozenset(
    {
        SupportActionStatus.DELIVERED,
        SupportActionStatus.PARTIALLY_DELIVERED,
        SupportActionStatus.NOT_DELIVERED,
        SupportActionStatus.CANCELLED,
    }
)
