"""How the dimensions of the figures and their values read, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opennrm.accounts.models import OrganisationType
from opennrm.cases import vocabularies as cases
from opennrm.core import geo
from opennrm.hotline import vocabularies as hotline
from opennrm.justice import vocabularies as justice
from opennrm.justice.models import JusticeStage, Offence
from opennrm.matching.models import AlertState
from opennrm.people.vocabularies import Gender
from opennrm.referrals.vocabularies import DeclineReason, ReferralOutcome, ReferralState
from opennrm.reintegration import vocabularies as reintegration
from opennrm.screening.models import Population
from opennrm.shelters.vocabularies import DepartureReason, PlaceCategory
from opennrm.stats.facts import TIME_BUCKETS, TOTAL, UNKNOWN

DIMENSIONS: dict[str, Any] = {
    TOTAL: gettext_lazy("No breakdown"),
    "sex": gettext_lazy("Sex"),
    "age_band": gettext_lazy("Age band at first contact"),
    "child": gettext_lazy("Child or adult"),
    "citizenship": gettext_lazy("Citizenship"),
    "nationality": gettext_lazy("Nationals and foreigners"),
    "form": gettext_lazy("Form of exploitation"),
    "means_of_control": gettext_lazy("Means of control"),
    "region": gettext_lazy("Region"),
    "province": gettext_lazy("Province or prefecture"),
    "organisation_type": gettext_lazy("Type of organisation"),
    "decision_stage": gettext_lazy("Stage of the decision"),
    "decision_outcome": gettext_lazy("Decision"),
    "timeliness": gettext_lazy("Within the deadline"),
    "extended": gettext_lazy("Extended"),
    "channel": gettext_lazy("Channel"),
    "caller_type": gettext_lazy("Caller"),
    "contact_outcome": gettext_lazy("Outcome of the contact"),
    "urgency": gettext_lazy("Urgency"),
    "result": gettext_lazy("Indicative result"),
    "population": gettext_lazy("Guide used"),
    "service_type": gettext_lazy("Service requested"),
    "referral_state": gettext_lazy("State of the referral"),
    "referral_outcome": gettext_lazy("Outcome of the service"),
    "urgent": gettext_lazy("Urgent"),
    "sender_type": gettext_lazy("Type of the referring organisation"),
    "recipient_type": gettext_lazy("Type of the receiving organisation"),
    "centre": gettext_lazy("Reception centre"),
    "category": gettext_lazy("Places for"),
    "centre_region": gettext_lazy("Region of the centre"),
    "departure_reason": gettext_lazy("Reason for leaving"),
    "support_type": gettext_lazy("Type of support"),
    "delivery": gettext_lazy("Delivered by"),
    "action_status": gettext_lazy("Result"),
    "direction": gettext_lazy("Return"),
    "destination": gettext_lazy("Destination country"),
    "risk_level": gettext_lazy("Risk assessed"),
    "months_after_return": gettext_lazy("Months after the return"),
    "reintegration": gettext_lazy("Situation at the follow-up"),
    "justice_stage": gettext_lazy("Stage of the proceedings"),
    "authority_kind": gettext_lazy("Authority"),
    "accused_sex": gettext_lazy("Sex of the accused"),
    "offence": gettext_lazy("Offence"),
    "instance": gettext_lazy("Instance"),
    "sentence": gettext_lazy("Firm prison term (months)"),
    "measure": gettext_lazy("Protection measure"),
    "act": gettext_lazy("Act penalised"),
    "penalty": gettext_lazy("What happened"),
    "request_outcome": gettext_lazy("Outcome of the request"),
    "alert_state": gettext_lazy("State of the alert"),
    "decline_reason": gettext_lazy("Why declined"),
    "payment": gettext_lazy("Paid"),
    "month": gettext_lazy("Month"),
    "quarter": gettext_lazy("Quarter"),
    "year": gettext_lazy("Year"),
}

CHOICES: dict[str, type[TextChoices]] = {
    "sex": Gender,
    "accused_sex": Gender,
    "form": cases.ExploitationType,
    "means_of_control": cases.MethodOfControl,
    "organisation_type": OrganisationType,
    "sender_type": OrganisationType,
    "recipient_type": OrganisationType,
    "decision_stage": cases.IdentificationStage,
    "decision_outcome": cases.IdentificationOutcome,
    "channel": hotline.Channel,
    "caller_type": hotline.CallerType,
    "contact_outcome": hotline.Outcome,
    "urgency": hotline.Urgency,
    "population": Population,
    "service_type": cases.SupportType,
    "support_type": cases.SupportType,
    "referral_state": ReferralState,
    "referral_outcome": ReferralOutcome,
    "category": PlaceCategory,
    "departure_reason": DepartureReason,
    "delivery": cases.SupportDelivery,
    "action_status": cases.SupportActionStatus,
    "direction": reintegration.ReturnDirection,
    "risk_level": reintegration.RiskLevel,
    "reintegration": reintegration.FollowUpOutcome,
    "authority_kind": justice.AuthorityKind,
    "instance": justice.JudgmentInstance,
    "measure": justice.MeasureKind,
    "act": justice.PenalisedAct,
    "penalty": justice.PenaltyMeasure,
    "request_outcome": justice.NonPunishmentOutcome,
    "alert_state": AlertState,
    "decline_reason": DeclineReason,
}


@lru_cache(maxsize=8)
def _fixed(language: str) -> dict[str, dict[str, str]]:
    """The labels of the values computed by the statistics themselves, in `language` (the
    current one: gettext reads it); built once per process and language."""
    yes_no = {"yes": _("Yes"), "no": _("No")}
    return {
        TOTAL: {TOTAL: _("Total")},
        "child": {"child": _("Children (under 18)"), "adult": _("Adults")},
        "nationality": {"national": _("Nationals"), "foreign": _("Foreign nationals")},
        "timeliness": {
            "on_time": _("On time"),
            "late": _("Late"),
            "not_done": _("Not done"),
        },
        "extended": yes_no,
        "urgent": yes_no,
        "result": {"positive": _("Presumed victim"), "negative": _("No presumption")},
        "recipient_type": {"external": _("Organisation without an account")},
        "payment": {
            "paid": _("Paid in full"),
            "partly_paid": _("Partly paid"),
            "not_paid": _("Not paid yet"),
        },
    }


def _justice_stage(code: str) -> str:
    stage = JusticeStage.objects.filter(code=code).first()
    return stage.label() if stage else code


def _offence(pk: str) -> str:
    offence = Offence.objects.filter(pk=pk).first()
    return str(offence) if offence else pk


LOOKUPS: dict[str, Callable[[str], str]] = {
    "citizenship": geo.country_name,
    "destination": geo.country_name,
    "region": geo.region_name,
    "province": geo.region_name,
    "centre_region": geo.region_name,
    "justice_stage": _justice_stage,
    "offence": _offence,
}


@lru_cache(maxsize=256)
def _choice_labels(dimension: str, language: str) -> dict[str, str]:
    """The labels of a vocabulary, in `language` (the current one)."""
    return {value: str(label) for value, label in CHOICES[dimension].choices}


def dimension_label(dimension: str) -> str:
    return str(DIMENSIONS.get(dimension, dimension))


def value_label(dimension: str, value: str) -> str:
    """A value of a dimension in the reader's language (a time column reads as it is)."""
    if value == UNKNOWN:
        return _("Unknown")
    if dimension in TIME_BUCKETS:
        return value
    language = get_language()
    fixed = _fixed(language).get(dimension, {})
    if value in fixed:
        return fixed[value]
    if dimension in CHOICES:
        return _choice_labels(dimension, language).get(value, value)
    if dimension in LOOKUPS:
        return LOOKUPS[dimension](value)
    return value
