"""Writes of the matching app: blocking keys kept in step with persons, cross-organisation
duplicate alerts and the data protection officer's decisions."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy

from opennrm.accounts.models import Membership
from opennrm.accounts.notifications import Notice, members_with, notify
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.matching.key_rules import rules_fingerprint
from opennrm.matching.model import PairScore
from opennrm.matching.models import (
    AlertState,
    CrossOrganisationAlert,
    MatchKeyState,
    PersonMatchKey,
)
from opennrm.matching.records import NameParts, stored_keys
from opennrm.people.models import Person
from opennrm.people.selectors import iterate_persons


def match_keys_refresh(actor: Membership | None, person: Person, created: bool = False) -> None:
    """Replace a person's blocking keys (runs inside the transaction that saved the person)."""
    keys = stored_keys(NameParts.of(person))
    with transaction.atomic():
        # The first person of a new database records the rules its keys are built by (a
        # database upgraded from keys of unknown rules already has the row, marked outdated).
        MatchKeyState.objects.get_or_create(
            pk=1, defaults={"fingerprint": rules_fingerprint(), "built_at": timezone.now()}
        )
        if not created:
            PersonMatchKey.objects.filter(person=person).exclude(key__in=keys).delete()
            keys -= set(PersonMatchKey.objects.filter(person=person).values_list("key", flat=True))
        PersonMatchKey.objects.bulk_create(
            [PersonMatchKey(person=person, key=k) for k in sorted(keys)], ignore_conflicts=True
        )


def match_keys_rebuild(*, batch: int = 2000, if_outdated: bool = False) -> int | None:
    """Recompute every person's keys after a change of the key rules or of the hashing key,
    and record the rules they are now built by. With `if_outdated`, nothing is done (None is
    returned) when the stored keys are already built by the running rules.

    Each chunk of persons is one transaction: an interrupted rebuild leaves every person with
    either all old or all new keys, and the rules are recorded only once every chunk is done."""
    from opennrm.matching.selectors import match_keys_outdated

    if if_outdated and not match_keys_outdated():
        return None
    done = 0
    persons = Person.objects.order_by("pk")
    last = None
    while True:
        page = persons.filter(pk__gt=last) if last else persons
        chunk = list(iterate_persons(page[:batch]))
        if not chunk:
            break
        with transaction.atomic():
            PersonMatchKey.objects.filter(person__in=chunk).delete()
            PersonMatchKey.objects.bulk_create(
                [
                    PersonMatchKey(person=person, key=key)
                    for person in chunk
                    for key in sorted(stored_keys(NameParts.of(person)))
                ],
                ignore_conflicts=True,
            )
        done += len(chunk)
        last = chunk[-1].pk
    with transaction.atomic():
        MatchKeyState.objects.update_or_create(
            pk=1,
            defaults={
                "fingerprint": rules_fingerprint(),
                "built_at": timezone.now(),
                "persons": done,
            },
        )
        audit_record(
            action="match_keys.rebuilt", object_type="match_keys", details={"persons": done}
        )
    return done


def cross_organisation_check(
    actor: Membership | None, person: Person, created: bool = False
) -> None:
    """After a person is saved: likely matches held by other organisations raise alerts for
    the data protection officer (runs in the person's transaction; nothing is shown to the
    user who saved)."""
    if actor is None or person.merged_into_id is not None:
        return
    from opennrm.matching.review import candidate_queue
    from opennrm.matching.selectors import (
        other_organisations_candidates,
        own_organisation_candidates,
    )

    for other, pair in own_organisation_candidates(
        person=person, organisation_id=actor.organisation_id
    ):
        candidate_queue(
            organisation_id=actor.organisation_id, person=person, other=other, pair=pair
        )
    found = other_organisations_candidates(person=person, organisation_id=actor.organisation_id)
    if not found:
        return
    made = [
        alert
        for other, pair in found
        if (alert := raise_alert(person, other, pair, organisation_id=actor.organisation_id))
    ]
    if made:
        _notify_officers(len(made))


def raise_alert(
    person: Person,
    other: Person,
    pair: PairScore,
    *,
    organisation_id: uuid.UUID | None = None,
) -> CrossOrganisationAlert | None:
    """An alert for a pair held by two organisations, once (in either order), never for a
    pair already decided."""
    organisation = organisation_id or _holder(person, exclude=None)
    if organisation is None:
        return None
    other_org = _holder(other, exclude=organisation)
    if other_org is None:
        return None
    if CrossOrganisationAlert.objects.filter(
        Q(person=person, other_person=other) | Q(person=other, other_person=person)
    ).exists():
        return None
    alert = CrossOrganisationAlert.objects.create(
        person=person,
        other_person=other,
        organisation_id=organisation,
        other_organisation_id=other_org,
        probability=pair.probability,
        agreeing=pair.agreeing,
    )
    audit_record(
        action="duplicate.cross_organisation_alert",
        object_type="duplicate_alert",
        object_id=alert.pk,
        subject_organisation_id=organisation,
        details={"probability": round(pair.probability, 4)},
    )
    return alert


def _holder(person: Person, *, exclude: uuid.UUID | None) -> uuid.UUID | None:
    """The organisation (other than `exclude`) that holds a person: a case owner, or else the
    one that registered it."""
    owner = (
        Case.objects.filter(person=person)
        .exclude(owner_organisation_id=exclude)
        .values_list("owner_organisation_id", flat=True)
        .first()
    )
    if owner is not None:
        return owner
    return person.registered_by_id if person.registered_by_id != exclude else None


def _contact_message(reference: str, other: str) -> Notice:
    return Notice(
        gettext_noop(
            "The national commission asks you to contact %(org)s: person %(ref)s may also be "
            "known to them."
        ),
        {"org": other, "ref": reference},
    )


# A plural notice: written out with ngettext_lazy so that makemessages extracts both forms.
OFFICERS_NOTICE = (
    "%(n)s possible duplicate across organisations to review.",
    "%(n)s possible duplicates across organisations to review.",
)
_PLURAL_FOR_EXTRACTION = ngettext_lazy(
    "%(n)s possible duplicate across organisations to review.",
    "%(n)s possible duplicates across organisations to review.",
    "n",
)


def _notify_officers(count: int) -> None:
    officers = [
        m
        for m in Membership.objects.filter(
            is_active=True, user__is_active=True, organisation__is_active=True
        ).select_related("user", "organisation")
        if m.can(Permission.REVIEW_CROSS_ORGANISATION_DUPLICATES)
    ]
    for membership in officers:
        notify(
            users=[membership.user],
            organisation=membership.organisation,
            message=Notice(
                OFFICERS_NOTICE[0], {"n": count}, plural=OFFICERS_NOTICE[1], count=count
            ),
            url=reverse("matching:alerts"),
        )


def alert_decide(
    *, actor: Membership, alert: CrossOrganisationAlert, connect: bool, note: str = ""
) -> CrossOrganisationAlert:
    """The data protection officer puts the two organisations in touch (each is told that a
    person it holds may be known to the other) or dismisses the alert."""
    if not actor.can(Permission.REVIEW_CROSS_ORGANISATION_DUPLICATES):
        raise PermissionDenied(_("Your role does not allow this."))
    if alert.state != AlertState.OPEN:
        raise ApplicationError(_("This alert has already been decided."))
    if not connect and not note.strip():
        raise ApplicationError(_("Say why the alert is dismissed."), field="note")
    with transaction.atomic():
        open_alert = CrossOrganisationAlert.objects.filter(pk=alert.pk, state=AlertState.OPEN)
        updated = open_alert.update(
            state=AlertState.CONNECTED if connect else AlertState.DISMISSED,
            decided_by=actor.user,
            decided_at=timezone.now(),
            note=note.strip(),
            updated_at=timezone.now(),
        )
        if not updated:
            raise ApplicationError(_("This alert has already been decided."))
        alert.refresh_from_db()
        audit_record(
            action="duplicate.alert_connected" if connect else "duplicate.alert_dismissed",
            actor=actor,
            object_type="duplicate_alert",
            object_id=alert.pk,
            # The note stays on the alert: the append-only log holds no free text.
            details={"with_note": bool(note.strip())},
        )
        if connect:
            for organisation, person, other in (
                (alert.organisation, alert.person, alert.other_organisation),
                (alert.other_organisation, alert.other_person, alert.organisation),
            ):
                notify(
                    users=members_with(organisation.pk, Permission.VIEW_CASES),
                    organisation=organisation,
                    message=_contact_message(person.reference_code, str(other)),
                )
    return alert
