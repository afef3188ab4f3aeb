"""Every figure of the statistics section, the dashboards and the national report: its key,
chapter, title, what it counts, its definition, and the `Facts` selector behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from opennrm.stats import identification, prosecution, protection, returns
from opennrm.stats.facts import Facts, Filters, Scope

IDENTIFICATION = "identification"
PROTECTION = "protection"
RETURN = "return"
PROSECUTION = "prosecution"
VOICE = "voice"
PARTNERSHIP = "partnership"

CHAPTERS: dict[str, Any] = {
    IDENTIFICATION: _("Identification"),
    PROTECTION: _("Protection and assistance"),
    RETURN: _("Return and reintegration"),
    PROSECUTION: _("Prosecution"),
    VOICE: _("Victims' voice"),
    PARTNERSHIP: _("Partnership and coordination"),
}

PERSONS = _("persons")
CONTACTS = _("contacts")
REFERRALS = _("referrals")
DECISIONS = _("decisions")
PROCEEDINGS = _("proceedings")
ACCUSED = _("accused persons")
MEASURES = _("measures")
ACTIONS = _("actions")
VISITS = _("visits")
ALERTS = _("alerts")


@dataclass(frozen=True)
class Figure:
    key: str
    chapter: str
    title: Any
    unit: Any
    definition: Any
    facts: Callable[[Filters, Scope], Facts]
    public: bool = True  # may appear on the public page and in the public report
    own: bool = True  # an organisation may read its own (not: alerts it must not learn of)
    default_by: str = "total"


FIGURES: list[Figure] = [
    Figure(
        "first_contacts",
        IDENTIFICATION,
        _("Persons first in contact"),
        PERSONS,
        _("Persons whose first contact with the mechanism falls in the period."),
        identification.first_contact_facts,
        default_by="sex",
    ),
    Figure(
        "presumed_victims",
        IDENTIFICATION,
        _("Presumed victims"),
        PERSONS,
        _("Persons with a positive preliminary decision (reasonable grounds) in the period."),
        identification.presumed_victim_facts,
        default_by="sex",
    ),
    Figure(
        "identified_victims",
        IDENTIFICATION,
        _("Identified victims"),
        PERSONS,
        _("Persons with a positive final decision in the period."),
        identification.identified_victim_facts,
        default_by="form",
    ),
    Figure(
        "negative_decisions",
        IDENTIFICATION,
        _("Negative decisions"),
        PERSONS,
        _("Persons with a negative decision, preliminary or final, in the period."),
        identification.negative_decision_facts,
        default_by="decision_stage",
    ),
    Figure(
        "decisions_on_time",
        IDENTIFICATION,
        _("Decisions within the legal deadline"),
        DECISIONS,
        _("Identification decisions taken in the period, by their legal deadline or after it."),
        identification.timeliness_facts,
        default_by="timeliness",
    ),
    Figure(
        "recovery_periods",
        IDENTIFICATION,
        _("Recovery and reflection periods"),
        PERSONS,
        _("Persons whose recovery and reflection period began in the period, extended or not."),
        identification.recovery_period_facts,
        default_by="extended",
    ),
    Figure(
        "hotline_contacts",
        IDENTIFICATION,
        _("Hotline contacts and reports"),
        CONTACTS,
        _("Calls, messages, web reports and visits received in the period."),
        identification.contact_facts,
        default_by="channel",
    ),
    Figure(
        "screenings",
        IDENTIFICATION,
        _("Persons screened"),
        PERSONS,
        _("Persons screened with the national identification guide in the period."),
        identification.screening_facts,
        default_by="result",
    ),
    Figure(
        "referrals",
        PROTECTION,
        _("Referrals to services"),
        REFERRALS,
        _("Referrals sent in the period (one asking for two services counts under each)."),
        protection.referral_facts,
        default_by="service_type",
    ),
    Figure(
        "persons_referred",
        PROTECTION,
        _("Victims referred to services"),
        PERSONS,
        _("Persons for whom a referral to a service was sent in the period."),
        protection.persons_referred_facts,
        default_by="service_type",
    ),
    Figure(
        "admissions",
        PROTECTION,
        _("Admissions to reception centres"),
        PERSONS,
        _("Persons admitted to a reception centre in the period."),
        protection.admission_facts,
        public=False,
        default_by="category",
    ),
    Figure(
        "support_actions",
        PROTECTION,
        _("Support-plan actions completed"),
        ACTIONS,
        _("Actions of support plans completed in the period: delivered, partly or not."),
        protection.support_action_facts,
        default_by="support_type",
    ),
    Figure(
        "returns",
        RETURN,
        _("Returns"),
        PERSONS,
        _("Persons who returned (arrived at their destination) in the period."),
        returns.return_facts,
        default_by="direction",
    ),
    Figure(
        "follow_ups",
        RETURN,
        _("Follow-up visits after a return"),
        VISITS,
        _("Follow-up visits due in the period: done on time, late, or not done."),
        returns.follow_up_facts,
        default_by="timeliness",
    ),
    Figure(
        "reintegration",
        RETURN,
        _("Reintegration 12 months after the return"),
        PERSONS,
        _("Persons seen at the 12-month follow-up in the period, by their situation."),
        returns.reintegration_facts,
        default_by="reintegration",
    ),
    Figure(
        "investigations",
        PROSECUTION,
        _("Investigations"),
        PROCEEDINGS,
        _("Proceedings that entered an investigation in the period."),
        prosecution.investigation_facts,
    ),
    Figure(
        "prosecutions",
        PROSECUTION,
        _("Prosecutions"),
        PROCEEDINGS,
        _("Proceedings brought to trial in the period."),
        prosecution.prosecution_facts,
    ),
    Figure(
        "persons_prosecuted",
        PROSECUTION,
        _("Persons prosecuted"),
        ACCUSED,
        _("Accused persons charged in the period."),
        prosecution.charged_facts,
        default_by="accused_sex",
    ),
    Figure(
        "persons_convicted",
        PROSECUTION,
        _("Persons convicted"),
        ACCUSED,
        _("Accused persons convicted in the period, at any instance."),
        prosecution.convicted_facts,
        default_by="sentence",
    ),
    Figure(
        "victims_compensated",
        PROSECUTION,
        _("Victims awarded compensation"),
        PERSONS,
        _(
            "Victims awarded compensation by a judgment given in the period, and how much of it "
            "has been paid."
        ),
        prosecution.compensation_facts,
        default_by="payment",
    ),
    Figure(
        "protection_measures",
        PROSECUTION,
        _("Protection measures granted"),
        MEASURES,
        _("Protection measures for victims and witnesses granted in the period."),
        prosecution.protection_measure_facts,
        default_by="measure",
    ),
    Figure(
        "non_punishment",
        PROSECUTION,
        _("Victims penalised: non-punishment requested"),
        PERSONS,
        _(
            "Victims penalised for an act they were compelled to commit, whose non-punishment "
            "was requested in the period."
        ),
        prosecution.non_punishment_facts,
        default_by="request_outcome",
    ),
    Figure(
        "referrals_between",
        PARTNERSHIP,
        _("Referrals between organisations"),
        REFERRALS,
        _("Referrals sent in the period, by the type of the referring organisation."),
        returns.partnership_facts,
        default_by="sender_type",
    ),
    Figure(
        "duplicate_alerts",
        PARTNERSHIP,
        _("One person registered by two organisations"),
        ALERTS,
        _("Alerts raised in the period that two organisations may be helping the same person."),
        returns.duplicate_alert_facts,
        default_by="alert_state",
        own=False,
    ),
]

BY_KEY = {figure.key: figure for figure in FIGURES}


def amount(figure: Figure, n: int) -> str:
    """ "412 persons", "1 referral": a count with its unit, in the reader's language and its
    plural forms (Arabic has six)."""
    count = number_format(n, force_grouping=True)
    forms = {
        PERSONS: ngettext("%(count)s person", "%(count)s persons", n),
        CONTACTS: ngettext("%(count)s contact", "%(count)s contacts", n),
        REFERRALS: ngettext("%(count)s referral", "%(count)s referrals", n),
        DECISIONS: ngettext("%(count)s decision", "%(count)s decisions", n),
        PROCEEDINGS: ngettext("%(count)s proceeding", "%(count)s proceedings", n),
        ACCUSED: ngettext("%(count)s accused person", "%(count)s accused persons", n),
        MEASURES: ngettext("%(count)s measure", "%(count)s measures", n),
        ACTIONS: ngettext("%(count)s action", "%(count)s actions", n),
        VISITS: ngettext("%(count)s visit", "%(count)s visits", n),
        ALERTS: ngettext("%(count)s alert", "%(count)s alerts", n),
    }
    text = next((v for unit, v in forms.items() if unit == figure.unit), f"%(count)s {figure.unit}")
    return text % {"count": count}


def of_chapter(chapter: str) -> list[Figure]:
    return [figure for figure in FIGURES if figure.chapter == chapter]


def public_of(chapter: str) -> list[Figure]:
    """The figures of a chapter that may be published."""
    return [figure for figure in of_chapter(chapter) if figure.public]
