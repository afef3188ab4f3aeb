"""From an organisation's own number to the list behind it: the case, contact or return list
with the same period, region and value where the list has those filters (the lists read
through the access selectors, so a reader never reaches more than the figure counted), and
for every other figure the records behind the number (`behind.py`). National and public
figures lead to no list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

from opennrm.stats.facts import TOTAL, UNKNOWN

if TYPE_CHECKING:
    from opennrm.stats.selectors import FigureTable

# A dimension of the victim's case -> the case filter of the lists.
CASE_PARAMETERS = {
    "sex": "sex",
    "age_band": "age_band",
    "citizenship": "citizenship",
    "form": "exploitation_type",
    "region": "identification_region",
}


@dataclass(frozen=True)
class Drill:
    url: str  # the list's URL name
    period: tuple[str, str]  # its parameters for the first and last day
    parameters: dict[str, str]  # a breakdown -> its parameter
    region: str = "identification_region"  # its parameter for the region chosen
    fixed: dict[str, str] = field(default_factory=dict)


def _decided(kind: str) -> Drill:
    return Drill(
        "cases:list", ("decided_from", "decided_to"), CASE_PARAMETERS, fixed={"decision": kind}
    )


DRILLS = {
    "first_contacts": Drill(
        "cases:list", ("first_contact_from", "first_contact_to"), CASE_PARAMETERS
    ),
    "presumed_victims": _decided("presumed"),
    "identified_victims": _decided("identified"),
    "negative_decisions": _decided("negative"),
    "hotline_contacts": Drill(
        "hotline:list",
        ("started_from", "started_to"),
        {
            "channel": "channel",
            "caller_type": "caller_type",
            "contact_outcome": "outcome",
            "urgency": "urgency",
            "region": "region",
        },
        region="region",
    ),
    "returns": Drill(
        "reintegration:list",
        ("returned_from", "returned_to"),
        {"direction": "direction", "destination": "destination_country", **CASE_PARAMETERS},
    ),
}


def _behind(ft: FigureTable) -> list[str]:
    """The address of the records behind each row (behind.py), the table's filters in it."""
    from opennrm.stats.behind import has_list

    if not has_list(ft.figure):
        return []
    filters = ft.view.filters
    query: dict[str, str] = {
        "scope": "own",
        "period": "range",
        "year": str(filters.start.year),
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "by": ft.view.by,
    }
    for name, values in (
        ("region", filters.regions),
        ("province", filters.provinces),
        ("organisation_type", filters.organisation_types),
    ):
        if values:
            query[name] = values[0]
    address = reverse("stats:behind", kwargs={"key": ft.figure.key})
    return [address + "?" + urlencode({**query, "value": value}) for value in ft.row_values]


def links(ft: FigureTable) -> list[str]:
    """The address of the list behind each row of an organisation's own table ("" where there
    is none); nothing for a table under the national or public rule."""
    drill = DRILLS.get(ft.figure.key)
    filters = ft.view.filters
    if ft.hides or ft.table is None:
        return []
    if drill is None or filters.provinces or filters.organisation_types:
        return _behind(ft)
    parameter = drill.parameters.get(ft.view.by)
    if parameter is None and ft.view.by != TOTAL:
        return []
    base = {
        drill.period[0]: filters.start.isoformat(),
        drill.period[1]: filters.end.isoformat(),
        **drill.fixed,
    }
    if len(filters.regions) == 1:
        base[drill.region] = filters.regions[0]
    address = reverse(drill.url)
    found = []
    for value in ft.row_values:
        if parameter is not None and value == UNKNOWN:
            found.append("")
            continue
        query = {**base, parameter: value} if parameter is not None else base
        found.append(address + "?" + urlencode(query))
    return found
