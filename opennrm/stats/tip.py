"""The questions the US Trafficking in Persons report asks of a country each year, answered
from one page under the national rule: victims identified and referred, investigations,
prosecutions, convictions, victims penalised for acts they were compelled to commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from opennrm.stats import catalogue
from opennrm.stats.facts import Filters, Scope
from opennrm.stats.selectors import FigureTable, View, figure_table
from opennrm.stats.suppression import Rule

QUESTIONS: list[tuple[str, Any]] = [
    ("presumed_victims", _("Victims identified (presumed, reasonable grounds)")),
    ("identified_victims", _("Victims identified (final decision)")),
    ("persons_referred", _("Victims referred to services")),
    ("investigations", _("Investigations opened")),
    ("prosecutions", _("Prosecutions (cases brought to trial)")),
    ("persons_prosecuted", _("Persons prosecuted")),
    ("persons_convicted", _("Persons convicted")),
    ("non_punishment", _("Victims penalised for acts they were compelled to commit")),
]
# The breakdowns the report asks for: sex or labour trafficking, children, foreign victims.
DETAILS = [
    ("identified_victims", "form"),
    ("identified_victims", "child"),
    ("identified_victims", "nationality"),
    ("persons_convicted", "sentence"),
]


@dataclass(frozen=True)
class Answer:
    key: str
    question: str
    table: FigureTable


def answers(year: int, rule: Rule) -> tuple[list[Answer], list[FigureTable]]:
    scope = Scope.everything()
    filters = Filters.year(year)
    totals = [
        Answer(key, str(question), figure_table(catalogue.BY_KEY[key], scope, rule, View(filters)))
        for key, question in QUESTIONS
    ]
    details = [
        figure_table(catalogue.BY_KEY[key], scope, rule, View(filters, by=by))
        for key, by in DETAILS
    ]
    return totals, details
