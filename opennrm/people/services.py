from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.concurrency import claim_version
from opennrm.core.crypto import blind_index, blind_indexes, normalise_identifier, normalise_name
from opennrm.core.errors import ApplicationError
from opennrm.core.references import new_reference
from opennrm.core.subject_keys import subject_key_create
from opennrm.people.models import IdentityDocument, Person
from opennrm.people.validation import (
    normalise_phone,
    validate_countries,
    validate_languages,
    validate_partial_date,
)
from opennrm.people.vocabularies import DocumentType, EducationLevel, Gender, MaritalStatus

NAME_INDEX = "person.name"
PHONE_INDEX = "person.phone"
DOCUMENT_INDEX = "person.document"


def name_index(name: str) -> str:
    normalised = normalise_name(name)
    return blind_index(normalised, purpose=NAME_INDEX) if normalised else ""


def phone_index(e164: str) -> str:
    return blind_index(e164, purpose=PHONE_INDEX) if e164 else ""


def document_index(number: str) -> str:
    return blind_index(normalise_identifier(number), purpose=DOCUMENT_INDEX)


def name_indexes(name: str) -> list[str]:
    """What a name is searched under (several during a rotation of the blind-index key)."""
    normalised = normalise_name(name)
    return blind_indexes(normalised, purpose=NAME_INDEX) if normalised else []


def phone_indexes(e164: str) -> list[str]:
    return blind_indexes(e164, purpose=PHONE_INDEX) if e164 else []


@dataclass(frozen=True)
class PersonDetails:
    """What a user enters about a person; validated and normalised by the services."""

    given_name_latin: str = ""
    family_name_latin: str = ""
    given_name_arabic: str = ""
    family_name_arabic: str = ""
    alias: str = ""
    birth_date: str = ""
    gender: str = Gender.UNKNOWN
    citizenships: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    marital_status: str = ""
    number_of_children: int | None = None
    education: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    deceased: bool = False


def _clean(details: PersonDetails) -> dict[str, object]:
    if not any(
        (
            details.given_name_latin.strip(),
            details.family_name_latin.strip(),
            details.given_name_arabic.strip(),
            details.family_name_arabic.strip(),
            details.alias.strip(),
        )
    ):
        raise ApplicationError(
            _("Enter at least one name, in either script, or an alias."), field="given_name_latin"
        )
    if details.gender not in Gender.values:
        raise ApplicationError(_("Unknown gender value."), field="gender")
    if details.marital_status and details.marital_status not in MaritalStatus.values:
        raise ApplicationError(_("Unknown marital status."), field="marital_status")
    if details.education and details.education not in EducationLevel.values:
        raise ApplicationError(_("Unknown education level."), field="education")
    if details.number_of_children is not None and not 0 <= details.number_of_children <= 30:
        raise ApplicationError(_("Number of children is out of range."), field="number_of_children")
    values: dict[str, object] = {f.name: getattr(details, f.name) for f in fields(details)}
    for name_field in (
        "given_name_latin",
        "family_name_latin",
        "given_name_arabic",
        "family_name_arabic",
        "alias",
        "email",
        "address",
    ):
        values[name_field] = str(values[name_field]).strip()
    values["birth_date"] = validate_partial_date(details.birth_date)
    values["phone"] = normalise_phone(details.phone)
    values["citizenships"] = validate_countries(details.citizenships, "citizenships")
    values["languages"] = validate_languages(details.languages)
    values["name_latin_index"] = name_index(
        f"{values['given_name_latin']} {values['family_name_latin']}"
    )
    values["name_arabic_index"] = name_index(
        f"{values['given_name_arabic']} {values['family_name_arabic']}"
    )
    values["alias_index"] = name_index(str(values["alias"]))
    values["phone_index"] = phone_index(str(values["phone"]))
    return values


# Apps above people (matching) keep what they derive from a person in step; each hook runs in
# the transaction that saves the person, so both commit or fail together.
PersonSavedHook = Callable[[Membership, Person, bool], None]
_saved_hooks: list[PersonSavedHook] = []


def on_person_saved(hook: PersonSavedHook) -> None:
    if hook not in _saved_hooks:
        _saved_hooks.append(hook)


def _person_saved(actor: Membership, person: Person, created: bool) -> None:
    for hook in _saved_hooks:
        hook(actor, person, created)


def person_create(*, actor: Membership, details: PersonDetails) -> Person:
    values = _clean(details)
    with transaction.atomic():
        subject_key = subject_key_create(organisation_id=actor.organisation_id)
        for _attempt in range(5):
            person = Person(
                reference_code=new_reference("P"),
                registered_by=actor.organisation,
                subject_key=subject_key,
            )
            for key, value in values.items():
                setattr(person, key, value)
            try:
                with transaction.atomic():
                    person.save(force_insert=True)
                break
            except IntegrityError:  # reference collision: draw again
                continue
        else:  # pragma: no cover - 32^8 codes make five collisions in a row unthinkable
            raise ApplicationError(_("Could not allocate a reference; try again."))
        audit_record(
            action="person.created",
            actor=actor,
            object_type="person",
            object_id=person.pk,
            subject_organisation_id=actor.organisation_id,
        )
        _person_saved(actor, person, True)
    return person


def person_update(
    *, actor: Membership, person: Person, expected_version: int, details: PersonDetails
) -> Person:
    """Replace a person's details. A stale `expected_version` means someone else saved first."""
    values = _clean(details)
    with transaction.atomic():
        person.version = claim_version(
            Person,
            person.pk,
            expected_version,
            _(
                "Someone else changed this person's details while you were editing. "
                "Reload the page to see their changes, then apply yours again."
            ),
        )
        changed = sorted(k for k, v in values.items() if getattr(person, k) != v)
        for key, value in values.items():
            setattr(person, key, value)
        person.save(update_fields=[*values.keys(), "updated_at"])
        audit_record(
            action="person.updated",
            actor=actor,
            object_type="person",
            object_id=person.pk,
            subject_organisation_id=person.registered_by_id,
            details={"fields": [c for c in changed if not c.endswith("_index")]},
        )
        _person_saved(actor, person, False)
    return person


def identity_document_add(
    *,
    actor: Membership,
    person: Person,
    document_type: str,
    number: str,
    issuing_country: str = "",
    expires_on: date | None = None,
    held_by_person: bool = True,
) -> IdentityDocument:
    if document_type not in DocumentType.values:
        raise ApplicationError(_("Unknown document type."), field="document_type")
    if not number.strip():
        raise ApplicationError(_("Enter the document number."), field="number")
    countries = validate_countries([issuing_country], "issuing_country") if issuing_country else []
    with transaction.atomic():
        document = IdentityDocument(
            person=person,
            document_type=document_type,
            number=number.strip(),
            number_index=document_index(number),
            issuing_country=countries[0] if countries else "",
            expires_on=expires_on,
            held_by_person=held_by_person,
        )
        document.save(force_insert=True)
        audit_record(
            action="person.document_added",
            actor=actor,
            object_type="person",
            object_id=person.pk,
            subject_organisation_id=person.registered_by_id,
            details={"document_id": str(document.pk), "document_type": document_type},
        )
    return document
