"""Return and reintegration figures, and the partnership figures (how the organisations work
together: referrals between types of organisation, duplicate alerts across organisations)."""

from __future__ import annotations

from django.db.models import Case as Choose
from django.db.models import F, Q, Value, When

from opennrm.matching.models import CrossOrganisationAlert
from opennrm.reintegration.models import FollowUpVisit, ReturnPlan
from opennrm.stats.facts import Facts, Filters, Scope
from opennrm.stats.protection import referrals_sent

REINTEGRATION_MONTHS = 12


def return_facts(filters: Filters, scope: Scope) -> Facts:
    """Persons who returned (arrived at their destination) in the period, by direction,
    destination country and the risk assessed before the return."""
    plans = ReturnPlan.objects.filter(
        filters.within("returned_on"), filters.of_cases("case", scope)
    )
    return Facts(
        rows=plans,
        entity="case__person_id",
        on="returned_on",
        dimensions={
            "direction": "direction",
            "destination": "destination_country",
            "risk_level": "risk_level",
        },
    )


def follow_up_facts(filters: Filters, scope: Scope) -> Facts:
    """Follow-up visits due in the period: done by their due date, done late, or not done."""
    visits = FollowUpVisit.objects.filter(
        filters.within("due_on"), filters.of_cases("plan__case", scope)
    ).annotate(
        timeliness=Choose(
            When(done_on__isnull=True, then=Value("not_done")),
            When(done_on__lte=F("due_on"), then=Value("on_time")),
            default=Value("late"),
        )
    )
    return Facts(
        rows=visits,
        entity="pk",
        on="due_on",
        case="plan__case",
        dimensions={"timeliness": "timeliness", "months_after_return": "months_after_return"},
    )


def reintegration_facts(filters: Filters, scope: Scope) -> Facts:
    """Persons seen at the follow-up 12 months after their return, visit done in the period,
    by how they were found (well reintegrated, progressing, at risk, exploited again, not
    reached)."""
    visits = FollowUpVisit.objects.filter(
        filters.within("done_on"),
        filters.of_cases("plan__case", scope),
        months_after_return=REINTEGRATION_MONTHS,
    )
    return Facts(
        rows=visits,
        entity="plan__case__person_id",
        on="done_on",
        case="plan__case",
        dimensions={"reintegration": "outcome"},
    )


def partnership_facts(filters: Filters, scope: Scope) -> Facts:
    """Referrals sent in the period, by the type of the sending and of the receiving
    organisation (a recipient without an account counts as external)."""
    return Facts(
        rows=referrals_sent(filters, scope),
        entity="pk",
        on="sent_at",
        dimensions={
            "sender_type": "sender_organisation__org_type",
            "recipient_type": "recipient_organisation__org_type",
        },
        values={"recipient_type": lambda v: v or "external"},
    )


def duplicate_alert_facts(filters: Filters, scope: Scope) -> Facts:
    """Alerts raised in the period that one person may be registered by two organisations, by
    the state of the alert and the types of the two organisations. Nationally only: an
    organisation never learns that another may hold one of its persons (matching/models.py)."""
    alerts = CrossOrganisationAlert.objects.filter(filters.within_datetime("created_at"))
    if scope.organisations is not None:
        alerts = alerts.none()
    if filters.organisations or filters.organisation_types:
        alerts = alerts.filter(
            filters.organisation_records("organisation")
            | filters.organisation_records("other_organisation")
        )
    return Facts(
        rows=alerts.filter(~Q(organisation=F("other_organisation"))),
        entity="pk",
        on="created_at",
        case=None,
        dimensions={
            "alert_state": "state",
            "sender_type": "organisation__org_type",
            "recipient_type": "other_organisation__org_type",
        },
    )
