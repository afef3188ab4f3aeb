"""Tables written as CSV or XLSX for download. A text a spreadsheet would run as a formula (a
name or a note beginning with "=", "+", "-", "@") is written as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

Cell = str | int | float | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(lines: Sequence[Sequence[Cell]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([[safe(v) for v in line] for line in lines])
    return out.getvalue()


def to_xlsx(
    lines: Sequence[Sequence[Cell]], *, title: str, bold_row: int = 1, rtl: bool = False
) -> bytes:
    """`bold_row`: the (1-based) row holding the column names."""
    book = Workbook()
    sheet = book.active
    if sheet is None:  # a new workbook always has one sheet
        sheet = book.create_sheet()
    sheet.title = title[:31]
    sheet.sheet_view.rightToLeft = rtl
    for line in lines:
        sheet.append([safe(v) for v in line])
    if 0 < bold_row <= sheet.max_row:
        for cell in sheet[bold_row]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(body: str | bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
