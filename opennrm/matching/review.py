"""The review queue of one organisation: pairs of its records that may be one person, merged
(never automatically, always undoable) or marked "not the same person" (remembered)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.hotline.models import Contact
from opennrm.matching.model import PairScore
from opennrm.matching.models import CandidateState, DuplicateCandidate, Merge, PersonMatchKey
from opennrm.people.models import Person
from opennrm.screening.models import Screening

# What follows the surviving person in a merge.
FOLLOWERS: dict[str, Any] = {"cases": Case, "contacts": Contact, "screenings": Screening}


def _require_edit_access(actor: Membership, *person_ids: uuid.UUID) -> None:
    """Merging moves cases between persons: the organisation must own every case of each, as
    access stands now, or the pair is refused like a missing one. The persons' cases are
    locked first, so a transfer accepted meanwhile waits for the merge (or the merge sees it)."""
    from opennrm.matching.selectors import editable_by

    list(Case.objects.select_for_update().filter(person_id__in=person_ids).values_list("pk"))
    editable = Person.objects.filter(pk__in=person_ids).filter(editable_by(actor.organisation_id))
    if editable.count() != len(set(person_ids)):
        raise Http404


def _pair_decided(first: Person, second: Person) -> bool:
    return DuplicateCandidate.objects.filter(
        Q(person=first, other_person=second) | Q(person=second, other_person=first)
    ).exists()


def candidate_queue(
    *, organisation_id: uuid.UUID, person: Person, other: Person, pair: PairScore
) -> DuplicateCandidate | None:
    """Queue a pair once (in either order): a pair marked "not the same" never returns."""
    if _pair_decided(person, other):
        return None
    try:
        with transaction.atomic():
            candidate = DuplicateCandidate.objects.create(
                organisation_id=organisation_id,
                person=person,
                other_person=other,
                probability=pair.probability,
                agreeing=pair.agreeing,
            )
            audit_record(
                action="duplicate.queued",
                object_type="person",
                object_id=person.pk,
                subject_organisation_id=organisation_id,
                details={
                    "other_person_id": str(other.pk),
                    "probability": round(pair.probability, 4),
                },
            )
            return candidate
    except IntegrityError:
        return None


def _require(actor: Membership, candidate: DuplicateCandidate) -> None:
    if (
        not actor.can(Permission.REVIEW_DUPLICATES)
        or candidate.organisation_id != actor.organisation_id
    ):
        raise PermissionDenied(_("Your role does not allow this."))
    if candidate.state != CandidateState.OPEN:
        raise ApplicationError(_("This pair has already been reviewed."))


def _audit(
    actor: Membership, action: str, candidate: DuplicateCandidate, **details: object
) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="person",
        object_id=candidate.person_id,
        subject_organisation_id=candidate.organisation_id,
        details={"other_person_id": str(candidate.other_person_id), **details},
    )


def duplicate_not_same(
    *, actor: Membership, candidate: DuplicateCandidate, note: str = ""
) -> DuplicateCandidate:
    _require(actor, candidate)
    with transaction.atomic():
        candidate.state = CandidateState.NOT_SAME
        candidate.decided_by = actor.user
        candidate.decided_at = timezone.now()
        candidate.note = note.strip()
        candidate.save(update_fields=["state", "decided_by", "decided_at", "note", "updated_at"])
        _audit(actor, "duplicate.not_same", candidate)
    return candidate


def duplicate_merge(
    *, actor: Membership, candidate: DuplicateCandidate, survivor: Person, note: str = ""
) -> Merge:
    """Merge the pair into `survivor`: the other record is kept, marked as merged, and its
    cases, contacts and screenings move to the survivor."""
    _require(actor, candidate)
    pair = {candidate.person_id, candidate.other_person_id}
    if survivor.pk not in pair:
        raise ApplicationError(_("Choose one of the two records to keep."), field="survivor")
    merged_id = (pair - {survivor.pk}).pop()
    with transaction.atomic():
        _require_edit_access(actor, survivor.pk, merged_id)
        merged = Person.objects.select_for_update().get(pk=merged_id)
        if merged.merged_into_id is not None or survivor.merged_into_id is not None:
            raise ApplicationError(_("One of these records has already been merged."))
        moved: dict[str, list[str]] = {}
        for label, model in FOLLOWERS.items():
            rows = model._default_manager.filter(person_id=merged.pk)
            moved[label] = [str(pk) for pk in rows.values_list("pk", flat=True)]
            rows.update(person_id=survivor.pk)
        merged.merged_into = survivor
        merged.save(update_fields=["merged_into", "updated_at"])
        PersonMatchKey.objects.filter(person=merged).delete()
        merge = Merge.objects.create(
            candidate=candidate,
            survivor=survivor,
            merged=merged,
            moved=moved,
            merged_by=actor.user,
        )
        candidate.state = CandidateState.MERGED
        candidate.decided_by = actor.user
        candidate.decided_at = timezone.now()
        candidate.note = note.strip()
        candidate.save(update_fields=["state", "decided_by", "decided_at", "note", "updated_at"])
        _audit(actor, "duplicate.merged", candidate, survivor=str(survivor.pk), moved=moved)
    return merge


def duplicate_unmerge(*, actor: Membership, merge: Merge) -> Merge:
    """Undo a merge: what moved goes back, the merged record is itself again, and the pair
    returns to the queue."""
    candidate = merge.candidate
    if (
        not actor.can(Permission.REVIEW_DUPLICATES)
        or candidate is None
        or candidate.organisation_id != actor.organisation_id
    ):
        raise PermissionDenied(_("Your role does not allow this."))
    if merge.undone_at is not None:
        raise ApplicationError(_("This merge has already been undone."))
    with transaction.atomic():
        _require_edit_access(actor, merge.survivor_id)
        for label, model in FOLLOWERS.items():
            model._default_manager.filter(
                pk__in=merge.moved.get(label, []), person_id=merge.survivor_id
            ).update(person_id=merge.merged_id)
        merged = merge.merged
        merged.merged_into = None
        merged.save(update_fields=["merged_into", "updated_at"])
        from opennrm.matching.services import match_keys_refresh

        match_keys_refresh(actor, merged, created=False)
        merge.undone_at = timezone.now()
        merge.undone_by = actor.user
        merge.save(update_fields=["undone_at", "undone_by", "updated_at"])
        candidate.state = CandidateState.OPEN
        candidate.save(update_fields=["state", "updated_at"])
        _audit(actor, "duplicate.unmerged", candidate, merge_id=str(merge.pk))
    return merge
