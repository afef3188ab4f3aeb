"""Closed cases at a chosen date, through the real services (the date set afterwards, as a
controlled clock would have it)."""

from datetime import UTC, datetime

from opennrm.cases.models import Case
from opennrm.cases.services import case_change_stage
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.cases.vocabularies import NRMStage


def closed_case(actor, closed_on, *, name="Salma", **case_overrides):
    case = open_case(actor, person=person_details(given_name_latin=name), **case_overrides)
    case = case_change_stage(
        actor=actor,
        case=case,
        expected_version=case.version,
        to_stage=NRMStage.CLOSED,
        closure_reason="Returned home, no further support wanted",
    )
    at = datetime(closed_on.year, closed_on.month, closed_on.day, 12, tzinfo=UTC)
    Case.objects.filter(pk=case.pk).update(stage_changed_at=at)
    case.refresh_from_db()
    return case
