"""A figure's table as CSV or XLSX: the cells as the reader sees them (hidden counts as
"< k", public counts rounded), under a heading that says what, when and under which rule."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opennrm.core import spreadsheets
from opennrm.stats.facts import TOTAL
from opennrm.stats.selectors import FigureTable


def _heading(ft: FigureTable) -> list[list[str]]:
    filters = ft.view.filters
    lines = [
        [ft.title],
        [str(ft.figure.definition)],
        [_("Period"), filters.start.isoformat(), filters.end.isoformat()],
    ]
    if ft.hides:
        lines.append(
            [
                _("Counts from fewer than %(n)s persons are hidden (“< %(n)s”).")
                % {"n": ft.rule.min_cell}
            ]
        )
    return lines


def rows(ft: FigureTable) -> list[list[str | int]]:
    """Header, then one line per value of the breakdown, then the totals."""
    table = ft.table
    if table is None:
        return []
    header: list[str | int] = [ft.by_label if ft.view.by != TOTAL else ""]
    header += table.columns if ft.view.across else [str(ft.figure.unit)]
    if ft.view.across:
        header.append(_("Total"))
    body: list[list[str | int]] = [header]
    for label, cells, total in table.lines():
        line: list[str | int] = [label]
        line += [c.count if c.count is not None else c.text for c in cells]
        if ft.view.across:
            line.append(total.count if total.count is not None else total.text)
        body.append(line)
    totals: list[str | int] = [_("Total")]
    totals += [c.count if c.count is not None else c.text for c in table.column_totals]
    if ft.view.across:
        totals.append(table.total.count if table.total.count is not None else table.total.text)
    body.append(totals)
    return body


def to_csv(ft: FigureTable) -> str:
    return spreadsheets.to_csv([*_heading(ft), [], *rows(ft)])


def to_xlsx(ft: FigureTable, *, rtl: bool = False) -> bytes:
    heading = _heading(ft)
    return spreadsheets.to_xlsx(
        [*heading, [], *rows(ft)], title=ft.key, bold_row=len(heading) + 2, rtl=rtl
    )
