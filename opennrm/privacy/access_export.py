"""Everything one organisation holds on one person, for the person's right of access (Law
09-08): read field by field from the models (so a field added later is not forgotten), each
value in the reader's language, as a document (rendered to PDF) and as JSON.

What the organisation holds: the person's record and documents, the cases it can see and all
that hangs on them, its screenings of the person and its hotline contacts linked to them, and
the organisations the data were sent to. A reception centre's address is never written out
(Law 27-14 art. 448-9 protects the place, not only the person)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.cases.models import (
    Case,
    CaseExploitation,
    CaseNote,
    ConsentRecord,
    IdentificationDecision,
    RecoveryPeriod,
    StatusDecision,
    SupportAction,
    SupportPlan,
)
from opennrm.cases.selectors import cases_visible_to
from opennrm.core import geo
from opennrm.core.audit import audit_record
from opennrm.core.text import list_separator
from opennrm.hotline.models import Contact
from opennrm.justice.models import ProceedingCase
from opennrm.people.models import IdentityDocument, Person
from opennrm.referrals.models import Referral, Transfer
from opennrm.reintegration.models import FollowUpVisit, ReintegrationGoal, ReturnPlan
from opennrm.screening.models import Screening
from opennrm.shelters.models import Stay

# Bookkeeping, not information about the person.
SKIPPED = frozenset(
    {"id", "version", "updated_at", "subject_key", "merged_into", "person", "case", "plan"}
)
RTL_LANGUAGES = frozenset({"ar"})


@dataclass
class Item:
    """One record: its title and (label, value) lines."""

    title: str
    lines: list[tuple[str, str]]
    raw: dict[str, Any]


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class AccessRecord:
    person_reference: str
    organisation: str
    language: str
    generated_at: dt.datetime
    sections: list[Section]
    recipients: list[str]

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES


def _choice_text(field_: models.Field, value: Any) -> str:  # type: ignore[type-arg]
    labels = {str(k): str(v) for k, v in field_.flatchoices}
    if isinstance(value, list):
        return list_separator().join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


# How a value of each type reads, in the active language (the first that fits).
TEXTS: list[tuple[type | tuple[type, ...], Any]] = [
    (bool, lambda v: str(_("yes") if v else _("no"))),
    (dt.datetime, lambda v: formats.date_format(timezone.localtime(v), "SHORT_DATETIME_FORMAT")),
    (dt.date, lambda v: formats.date_format(v, "SHORT_DATE_FORMAT")),
    (Organisation, lambda v: v.name),
    (list, lambda v: list_separator().join(str(x) for x in v)),
    (dict, lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)),
]


# Codes read as names in the reader's language (a person reads "India", not "IN").
NAMED_CODES: dict[str, Any] = {
    "citizenships": geo.country_name,
    "issuing_country": geo.country_name,
    "country_of_recruitment": geo.country_name,
    "country_of_exploitation": geo.country_name,
    "destination_country": geo.country_name,
    "languages": geo.language_name,
    "identification_region": geo.region_name,
    "region": geo.region_name,
}


def _text(field_: models.Field, value: Any) -> str:  # type: ignore[type-arg]
    if value is None or value in ("", []):
        return ""
    if field_.name in NAMED_CODES:
        name = NAMED_CODES[field_.name]
        return list_separator().join(
            name(str(v)) for v in (value if isinstance(value, list) else [value])
        )
    if field_.choices:
        return _choice_text(field_, value)
    for kinds, text in TEXTS:
        if isinstance(value, kinds):
            return str(text(value))
    return str(value)


def _raw(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Organisation):
        return value.name
    if isinstance(value, models.Model):
        return str(value)
    return value


def describe(obj: models.Model, title: str) -> Item:
    """Every field of a record that says something about the person, with its label."""
    lines: list[tuple[str, str]] = []
    raw: dict[str, Any] = {}
    for field_ in obj._meta.concrete_fields:
        name = field_.name
        if name in SKIPPED or name.endswith("_index") or name == "secret_hash":
            continue
        if isinstance(field_, models.ForeignKey):
            target = field_.related_model
            if target is User or target is None:
                continue  # staff, not the person
            value = getattr(obj, name)
            if not isinstance(value, Organisation):
                value = str(value) if value is not None else None
        else:
            value = getattr(obj, name)
        text = _text(field_, value)
        raw[name] = _raw(value)
        if text:
            lines.append((str(field_.verbose_name).capitalize(), text))
    return Item(title, lines, raw)


def _section(title: str, objects: Any, item_title: Any) -> Section:
    return Section(title, [describe(o, item_title(o)) for o in objects])


def access_record(*, actor: Membership, case: Case, language: str) -> AccessRecord:
    """What the actor's organisation holds on the person of `case` (a case it owns)."""
    person: Person = case.person
    persons = [person, *person.merged_records.all()]
    with translation.override(language):
        cases = list(
            cases_visible_to(actor).filter(person__in=persons).order_by("identified_on", "pk")
        )
        plans = SupportPlan.objects.filter(case__in=cases)
        returns = ReturnPlan.objects.filter(case__in=cases)
        sections = [
            _section(_("Personal details"), persons, lambda p: p.reference_code),
            _section(
                _("Identity documents"),
                IdentityDocument.objects.filter(person__in=persons),
                lambda d: d.get_document_type_display(),
            ),
            _section(_("Cases"), cases, lambda c: c.reference_code),
            _section(
                _("Forms of exploitation"),
                CaseExploitation.objects.filter(case__in=cases),
                lambda e: e.case.reference_code,
            ),
            _section(
                _("Identification decisions"),
                IdentificationDecision.objects.filter(case__in=cases),
                lambda d: d.get_stage_display(),
            ),
            _section(
                _("Status decisions"),
                StatusDecision.objects.filter(case__in=cases),
                lambda d: d.get_status_display(),
            ),
            _section(
                _("Recovery and reflection periods"),
                RecoveryPeriod.objects.filter(case__in=cases),
                lambda r: r.case.reference_code,
            ),
            _section(
                _("Consents"),
                ConsentRecord.objects.filter(case__in=cases),
                lambda c: c.get_purpose_display(),
            ),
            _section(
                _("Notes"),
                CaseNote.objects.filter(case__in=cases).order_by("created_at"),
                lambda n: n.case.reference_code,
            ),
            _section(_("Support plans"), plans, lambda p: p.case.reference_code),
            _section(
                _("Support actions"),
                SupportAction.objects.filter(plan__in=plans),
                lambda a: a.get_support_type_display(),
            ),
            _section(
                _("Referrals"),
                Referral.objects.filter(case__in=cases).select_related("recipient_organisation"),
                lambda r: r.reference_code,
            ),
            _section(
                _("Transfers of responsibility"),
                Transfer.objects.filter(case__in=cases),
                lambda t: t.case.reference_code,
            ),
            _section(
                _("Stays in reception centres"),
                Stay.objects.filter(case__in=cases).select_related("centre"),
                lambda s: s.centre.name,
            ),
            _section(_("Returns"), returns, lambda r: r.reference_code),
            _section(
                _("Reintegration goals"),
                ReintegrationGoal.objects.filter(plan__in=returns),
                lambda g: g.get_domain_display(),
            ),
            _section(
                _("Follow-up visits"),
                FollowUpVisit.objects.filter(plan__in=returns),
                lambda v: v.plan.reference_code,
            ),
            _section(
                _("Criminal proceedings"),
                ProceedingCase.objects.filter(case__in=cases).select_related("proceeding"),
                lambda p: p.proceeding.reference_code,
            ),
            _section(
                _("Screenings"),
                Screening.objects.filter(person__in=persons, organisation=actor.organisation),
                lambda s: str(s.indicator_set),
            ),
            _section(
                _("Hotline contacts"),
                Contact.objects.filter(person__in=persons, organisation=actor.organisation),
                lambda c: c.get_channel_display(),
            ),
        ]
        recipients = sorted(
            {
                *Referral.objects.filter(case__in=cases).values_list(
                    "recipient_organisation__name", flat=True
                ),
                *Transfer.objects.filter(case__in=cases).values_list(
                    "to_organisation__name", flat=True
                ),
                *ConsentRecord.objects.filter(
                    case__in=cases, given=True, recipient_organisation__isnull=False
                ).values_list("recipient_organisation__name", flat=True),
            }
            - {actor.organisation.name}
        )
    return AccessRecord(
        person_reference=person.reference_code,
        organisation=actor.organisation.name,
        language=language,
        generated_at=timezone.localtime(),
        sections=[s for s in sections if s.items],
        recipients=recipients,
    )


def render_json(record: AccessRecord) -> bytes:
    document = {
        "person": record.person_reference,
        "organisation": record.organisation,
        "language": record.language,
        "generated_at": record.generated_at.isoformat(),
        "sections": [
            {
                "title": s.title,
                "records": [
                    {"title": i.title, "fields": dict(i.lines), "values": i.raw} for i in s.items
                ],
            }
            for s in record.sections
        ],
        "recipients": record.recipients,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def render_html(record: AccessRecord) -> str:
    with translation.override(record.language):
        return render_to_string("privacy/access_record.html", {"record": record})


def render_pdf(record: AccessRecord) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango (see stats/report.py)

    pdf: bytes = HTML(string=render_html(record)).write_pdf()
    return pdf


def access_export(
    *, actor: Membership, case: Case, language: str, file_format: str, request_id: Any
) -> bytes:
    """The export, audited (what was taken out, never its content)."""
    record = access_record(actor=actor, case=case, language=language)
    data = render_pdf(record) if file_format == "pdf" else render_json(record)
    audit_record(
        action="person.access_exported",
        actor=actor,
        object_type="person",
        object_id=case.person_id,
        subject_organisation_id=case.owner_organisation_id,
        details={
            "request_id": str(request_id),
            "format": file_format,
            "language": language,
            "records": sum(len(s.items) for s in record.sections),
        },
    )
    return data
