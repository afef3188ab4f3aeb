"""A figure's table as CSV or XLSX: the cells as the reader sees them (hidden counts as
"< k", public counts rounded), under a heading that says what, when and under which rule."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from opennrm.stats.facts import TOTAL
from opennrm.stats.selectors import FigureTable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str | int) -> str | int:
    """A text a spreadsheet would run as a formula (a centre's name beginning with "=") is
    written as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([[_safe(v) for v in line] for line in _heading(ft)])
    writer.writerow([])
    writer.writerows([[_safe(v) for v in line] for line in rows(ft)])
    return out.getvalue()


def to_xlsx(ft: FigureTable, *, rtl: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    if sheet is None:  # a new workbook always has one sheet
        sheet = book.create_sheet()
    sheet.title = ft.key[:31]
    sheet.sheet_view.rightToLeft = rtl
    for heading in _heading(ft):
        sheet.append([_safe(v) for v in heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    first = sheet.max_row + 1
    for line in rows(ft):
        sheet.append([_safe(v) for v in line])
    for cell in sheet[first]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 42
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
