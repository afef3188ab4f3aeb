"""Screening interviews: start, answer one dimension at a time (or skip it), complete."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.people.models import Person
from opennrm.screening.models import Indicator, IndicatorSet, Screening
from opennrm.screening.rules import DIMENSIONS, evaluate, indicator_id


def _require(actor: Membership) -> None:
    if not actor.can(Permission.RUN_SCREENING):
        raise PermissionDenied(_("Your role does not allow this."))


def _event(actor: Membership, screening: Screening, action: str, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="person",
        object_id=screening.person_id,
        subject_organisation_id=screening.person.registered_by_id,
        details={"screening_id": str(screening.pk), **details},
    )


def screening_start(*, actor: Membership, person: Person, indicator_set: IndicatorSet) -> Screening:
    """Start a screening. The caller has obtained `person` through an access selector."""
    _require(actor)
    if not indicator_set.is_active:
        raise ApplicationError(_("This indicator set is no longer offered."), field="set")
    with transaction.atomic():
        screening = Screening.objects.create(
            person=person,
            indicator_set=indicator_set,
            organisation=actor.organisation,
            interviewer=actor.user,
        )
        _event(
            actor,
            screening,
            "screening.started",
            set=indicator_set.slug,
            version=indicator_set.version,
        )
    return screening


def screening_answer(
    *,
    actor: Membership,
    screening: Screening,
    dimension: int,
    indicator_ids: list[str],
    skipped: bool = False,
) -> Screening:
    """Record what was found in one dimension (replacing an earlier answer), or that it was
    skipped, and move the interview on to the next unanswered dimension."""
    _require(actor)
    if screening.is_complete:
        raise ApplicationError(_("This screening is complete; start a new one."))
    if dimension not in DIMENSIONS:
        raise ApplicationError(_("Unknown dimension."), field="dimension")
    in_dimension = {
        indicator_id(i): i
        for i in Indicator.objects.filter(
            dimension__indicator_set=screening.indicator_set, dimension__number=dimension
        ).select_related("dimension")
    }
    unknown = sorted(set(indicator_ids) - set(in_dimension))
    if unknown:
        raise ApplicationError(
            _("Unknown indicator(s) for this set: %(ids)s") % {"ids": ", ".join(unknown)},
            field="indicators",
        )
    with transaction.atomic():
        screening.indicators_found.remove(
            *screening.indicators_found.filter(dimension__number=dimension)
        )
        if not skipped:
            screening.indicators_found.add(*(in_dimension[i] for i in indicator_ids))
        answered = set(screening.answered_dimensions) - {dimension}
        skipped_set = set(screening.skipped_dimensions) - {dimension}
        (skipped_set if skipped else answered).add(dimension)
        screening.answered_dimensions = sorted(answered)
        screening.skipped_dimensions = sorted(skipped_set)
        remaining = [n for n in DIMENSIONS if n not in answered | skipped_set]
        screening.current_dimension = remaining[0] if remaining else dimension
        screening.save(
            update_fields=[
                "answered_dimensions",
                "skipped_dimensions",
                "current_dimension",
                "updated_at",
            ]
        )
        _event(actor, screening, "screening.answered", dimension=dimension, skipped=skipped)
    return screening


def screening_complete(*, actor: Membership, screening: Screening) -> Screening:
    """Evaluate the decision rules on what was found. The result is indicative only."""
    _require(actor)
    if screening.is_complete:
        raise ApplicationError(_("This screening is already complete."))
    found = [indicator_id(i) for i in screening.indicators_found.select_related("dimension")]
    result = evaluate(screening.indicator_set, found)
    with transaction.atomic():
        screening.completed_at = timezone.now()
        screening.presumed_victim = result.presumed_victim
        screening.result = {
            **result.as_json(),
            "fired": {str(n): ids for n, ids in result.fired.items()},
        }
        screening.save(update_fields=["completed_at", "presumed_victim", "result", "updated_at"])
        _event(actor, screening, "screening.completed", presumed_victim=result.presumed_victim)
    return screening
