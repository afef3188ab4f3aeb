"""Panels that apps above `cases` add to the home page and to the case page, and sections they
add to the daily deadlines e-mail, so those do not depend on them (apps depend downward only).
A panel function returns the template to include and its context, or None when it has nothing
to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


HomePanelFunction = Callable[[Any], Panel | None]
CasePanelFunction = Callable[[Any, Any], Panel | None]
_home_panels: list[HomePanelFunction] = []
_case_panels: list[CasePanelFunction] = []


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


def register_case_panel(panel: CasePanelFunction) -> None:
    if panel not in _case_panels:
        _case_panels.append(panel)


def home_panels(actor: Any) -> list[Panel]:
    """Panels for the acting membership's home page."""
    return [p for p in (panel(actor) for panel in _home_panels) if p is not None]


def case_panels(actor: Any, case: Any) -> list[Panel]:
    """Panels for a case page; the case was obtained through access_case."""
    return [p for p in (panel(actor, case) for panel in _case_panels) if p is not None]
