from django.db import models
from django.utils.translation import gettext_lazy as _


class ReturnDirection(models.TextChoices):
    # The deployment country is a setting (OPENNRM_DEPLOYMENT_COUNTRY).
    OUTBOUND = "Outbound", _("Return to the country of origin")
    INBOUND = "Inbound", _("Return home from abroad")


class ReturnState(models.TextChoices):
    PLANNING = "Planning", _("Planning")
    CLEARED = "Cleared", _("Risk assessed: return can proceed")
    ON_HOLD = "OnHold", _("Risk assessed: on hold")
    RETURNED = "Returned", _("Returned: reintegration under way")
    COMPLETED = "Completed", _("Completed")
    CANCELLED = "Cancelled", _("Cancelled")


class RiskLevel(models.TextChoices):
    LOW = "Low", _("Low")
    MEDIUM = "Medium", _("Medium")
    HIGH = "High", _("High")


class ReturnRisk(models.TextChoices):
    TRAFFICKERS_AT_DESTINATION = (
        "TraffickersAtDestination",
        _("Traffickers active at the destination"),
    )
    FAMILY_INVOLVED = "FamilyInvolved", _("Family involved in the trafficking")
    DEBT = "Debt", _("Debt owed at the destination")
    STIGMA = "Stigma", _("Stigma or rejection by the community")
    HEALTH = "Health", _("Health needs without care at the destination")
    NO_INCOME = "NoIncome", _("No means of living at the destination")
    UNSAFE_ROUTE = "UnsafeRoute", _("Unsafe journey")
    LEGAL_STATUS = "LegalStatus", _("Documents or legal status not settled")
    PROCEEDINGS = "Proceedings", _("Criminal proceedings need the person's testimony")


class ReintegrationDomain(models.TextChoices):
    INCOME = "Income", _("Income")
    HOUSING = "Housing", _("Housing")
    EDUCATION = "Education", _("Education and training")
    HEALTH = "Health", _("Health")
    FAMILY = "Family", _("Family and community")


class GoalStatus(models.TextChoices):
    PLANNED = "Planned", _("Planned")
    IN_PROGRESS = "InProgress", _("In progress")
    ACHIEVED = "Achieved", _("Achieved")
    NOT_ACHIEVED = "NotAchieved", _("Not achieved")


class FollowUpOutcome(models.TextChoices):
    WELL = "WellReintegrated", _("Well reintegrated")
    PROGRESSING = "Progressing", _("Progressing")
    AT_RISK = "AtRisk", _("At risk: more support needed")
    RETRAFFICKED = "Retrafficked", _("Exploited again")
    NO_CONTACT = "NoContact", _("Could not be reached")
