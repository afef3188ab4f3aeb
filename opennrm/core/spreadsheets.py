"""Tables written as CSV or XLSX for download. A text a spreadsheet would run as a formula (a
name or a note beginning with "=", "+", "-", "@") is written as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import get_language_bidi
from openpyxl import Workbook
from openpyxl.styles import Font

from opennrm.core.errors import ApplicationError

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


def bounded(rows: Any, too_many: str) -> list[Any]:
    """The rows of an export, refused (with `too_many`, naming %(n)s) beyond
    OPENNRM_EXPORT_MAX_ROWS."""
    limit = settings.OPENNRM_EXPORT_MAX_ROWS
    found = list(rows[: limit + 1])
    if len(found) > limit:
        raise ApplicationError(too_many % {"n": limit})
    return found


def list_export(
    fmt: str,
    lines: Callable[[], Sequence[Sequence[Cell]]],
    *,
    name: str,
    title: str,
    form: Any = None,
) -> HttpResponse:
    """A list's download: its filter form checked (HTTP 400 with the problems), the lines made
    (400 with the message of a refusal), written as CSV or XLSX (right to left in Arabic)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    if form is not None and form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    try:
        made = lines()
    except ApplicationError as error:
        return HttpResponseBadRequest(error.message)
    filename = f"{name}-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return download(to_csv(made), fmt, filename)
    return download(to_xlsx(made, title=title, rtl=get_language_bidi()), fmt, filename)
