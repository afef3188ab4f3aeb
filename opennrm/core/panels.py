"""Panels that apps above `cases` add to the home page and to the case page, and sections they
add to the daily deadlines e-mail, so those do not depend on them (apps depend downward only).
A panel function returns the template to include and its context, or None when it has nothing
to show.

A case panel may also declare the rows it shows (`rows`: name -> a queryset correlated with
the case by `OuterRef`). The case page then asks the database once whether each exists, and
passes the names of those that do (`present`) to every panel, which skips its own queries for
the others: most cases have no referral, stay, return or proceeding, and one statement
replaces a dozen."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Exists, Model, QuerySet


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


class _Everything:
    """`present` when nothing was checked: every row may exist, so every panel looks."""

    def __contains__(self, name: object) -> bool:
        return True


EVERYTHING: Container[str] = _Everything()

HomePanelFunction = Callable[[Any], Panel | None]
CasePanelFunction = Callable[[Any, Any, Container[str]], Panel | None]
CaseRows = Callable[[], Mapping[str, QuerySet[Any]]]
_home_panels: list[HomePanelFunction] = []
_case_panels: list[CasePanelFunction] = []
_case_rows: list[CaseRows] = []


@dataclass(frozen=True)
class DigestSection:
    """A titled list of lines (reference codes and dates only) for the daily deadlines e-mail."""

    title: str
    lines: list[str]


DigestFunction = Callable[[Any, Any], DigestSection | None]
_digest_sections: list[DigestFunction] = []


def register_digest_section(section: DigestFunction) -> None:
    if section not in _digest_sections:
        _digest_sections.append(section)


def digest_sections(actor: Any, today: Any) -> list[DigestSection]:
    """Sections other apps add to the deadlines e-mail of a membership."""
    return [s for s in (section(actor, today) for section in _digest_sections) if s is not None]


def register_home_panel(panel: HomePanelFunction) -> None:
    if panel not in _home_panels:
        _home_panels.append(panel)


def register_case_panel(panel: CasePanelFunction, rows: CaseRows | None = None) -> None:
    if panel not in _case_panels:
        _case_panels.append(panel)
        if rows is not None:
            _case_rows.append(rows)


def home_panels(actor: Any) -> list[Panel]:
    """Panels for the acting membership's home page."""
    return [p for p in (panel(actor) for panel in _home_panels) if p is not None]


# The presence statement of each (model, rows function, database), compiled once per process:
# building 17 EXISTS subqueries through the ORM cost more CPU than running them.
_statements: dict[tuple[Any, ...], tuple[str, list[Any], int]] = {}


def _presence_statement(
    model: type[Model], rows: Mapping[str, QuerySet[Any]], using: str
) -> tuple[str, list[Any], int]:
    def compiled(pk: uuid.UUID) -> tuple[str, list[Any]]:
        query = (
            model._default_manager.filter(pk=pk)
            .annotate(**{f"present_{name}": Exists(rows[name]) for name in rows})
            .values_list(*(f"present_{name}" for name in rows))
        )
        sql, params = query.query.get_compiler(using=using).as_sql()
        return sql, list(params)

    # Where the case's key goes among the parameters: the one that differs between two keys.
    sql, first = compiled(uuid.UUID(int=1))
    _sql, second = compiled(uuid.UUID(int=2))
    (at,) = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    return sql, first, at


def rows_present(
    case: Any, rows: Callable[[], Mapping[str, QuerySet[Any]]], using: str = "default"
) -> frozenset[str]:
    """Which of the rows `rows()` declares (name -> queryset correlated with the case by
    OuterRef) exist for `case` (a model with a UUID key), asked in one statement. `rows` must
    declare the same rows on every call: its statement is compiled once."""
    model = type(case)
    connection = connections[using]
    key = (model, rows, connection.vendor)
    if key not in _statements:
        declared = rows()
        if not declared:
            return frozenset()
        _statements[key] = _presence_statement(model, declared, using)
    sql, params, at = _statements[key]
    values = list(params)
    values[at] = model._meta.pk.get_db_prep_value(case.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        flags = cursor.fetchone() or ()
        names = [column[0].removeprefix("present_") for column in cursor.description]
    return frozenset(name for name, flag in zip(names, flags, strict=False) if flag)


def case_panel_rows() -> dict[str, QuerySet[Any]]:
    """The rows every registered case panel shows (see the module's docstring)."""
    return {name: rows for declared in _case_rows for name, rows in declared().items()}


def case_panels(actor: Any, case: Any, present: Container[str] = EVERYTHING) -> list[Panel]:
    """Panels for a case page; the case was obtained through access_case. `present`: the rows
    known to exist (rows_present over case_panel_rows); by default every panel looks."""
    return [p for p in (panel(actor, case, present) for panel in _case_panels) if p is not None]
