"""The case list as a spreadsheet: the rows the reader may see, with the same filters and
search. Identifying columns (names, date of birth, phone) only for a role that may export
them (`export_identifying_data`) and only when asked; every export is audited with its row
count and whether it identified anyone."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.selectors import CaseFilters, SearchKey, case_list
from opennrm.cases.vocabularies import ExploitationType, NRMStage, TraffickingStatus
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.spreadsheets import Cell, bounded
from opennrm.people.vocabularies import Gender

# What an export without identifying columns reads.
NON_IDENTIFYING = (
    "id",
    "reference_code",
    "nrm_stage",
    "trafficking_status",
    "identification_region",
    "identified_on",
    "age_band",
    "updated_at",
    "owner_organisation_id",
    "person__reference_code",
    "person__gender",
    "person__citizenships",
)


def _header(identifying: bool) -> list[Cell]:
    header: list[Cell] = [
        _("Case"),
        _("Person"),
        _("Stage"),
        _("Trafficking status"),
        _("Region"),
        _("First contact on"),
        _("Age band at first contact"),
        _("Sex"),
        _("Citizenship"),
        _("Forms of exploitation"),
        _("Updated"),
    ]
    if identifying:
        header += [
            _("Given name (Latin script)"),
            _("Family name (Latin script)"),
            _("Given name (Arabic script)"),
            _("Family name (Arabic script)"),
            _("Date of birth"),
            _("Phone"),
        ]
    return header


def _row(case: Case, identifying: bool) -> list[Cell]:
    person = case.person
    stages, statuses = dict(NRMStage.choices), dict(TraffickingStatus.choices)
    forms, sexes = dict(ExploitationType.choices), dict(Gender.choices)
    row: list[Cell] = [
        case.reference_code,
        person.reference_code,
        str(stages.get(case.nrm_stage, case.nrm_stage)),
        str(statuses.get(case.trafficking_status, case.trafficking_status)),
        geo.region_name(case.identification_region) if case.identification_region else "",
        case.identified_on.isoformat(),
        case.age_band,
        str(sexes.get(person.gender, person.gender)),
        ", ".join(geo.country_name(c) for c in person.citizenships or []),
        ", ".join(str(forms.get(e.exploitation_type, "")) for e in case.exploitations.all()),
        case.updated_at.date().isoformat(),
    ]
    if identifying:
        row += [
            person.given_name_latin,
            person.family_name_latin,
            person.given_name_arabic,
            person.family_name_arabic,
            person.birth_date,
            person.phone,
        ]
    return row


def case_export(
    *,
    actor: Membership,
    filters: CaseFilters,
    search: SearchKey | None,
    identifying: bool,
    fmt: str,
) -> list[list[Cell]]:
    """The header and rows of the export (raises ApplicationError when the role may not
    export identifying data, or when there are more rows than an export holds)."""
    if identifying and not actor.can(Permission.EXPORT_IDENTIFYING_DATA):
        raise ApplicationError(_("Your role may not export names and contact details."))
    cases = case_list(actor=actor, filters=filters, search=search)
    # Without identifying columns no encrypted value is loaded; with them, the person's.
    cases = cases.defer(None) if identifying else cases.only(*NON_IDENTIFYING)
    rows = bounded(cases, _("More than %(n)s cases: narrow the filters to export them."))
    audit_record(
        action="cases.exported",
        actor=actor,
        object_type="case_list",
        details={"rows": len(rows), "identifying": identifying, "format": fmt},
    )
    return [_header(identifying), *[_row(case, identifying) for case in rows]]
