"""Reads of the matching app: "is this person already known?" at intake.

Candidates come from the blocking keys in the database; Splink's model scores them. Only
persons the user's own organisation holds are ever shown; a likely match held elsewhere is
not shown (it raises a cross-organisation alert for the coordinator when the person is saved)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case, CaseAccessGrant
from opennrm.core.audit import audit_record
from opennrm.core.crypto import blind_indexes
from opennrm.core.ids import as_uuid
from opennrm.core.panels import Panel
from opennrm.core.permissions import Permission
from opennrm.matching.model import PairScore, score
from opennrm.matching.models import (
    AlertState,
    CandidateState,
    CrossOrganisationAlert,
    DuplicateCandidate,
    MatchKeyState,
    Merge,
    PersonMatchKey,
)
from opennrm.matching.names import name_keys
from opennrm.matching.records import (
    SEARCH_PURPOSE,
    NameParts,
    blocking_lookup_keys,
    splink_record,
    word_keys,
)
from opennrm.people.models import Person
from opennrm.people.selectors import iterate_persons

MAX_CANDIDATES = 60


def match_keys_outdated() -> bool:
    """Whether persons' stored keys were built by other rules than the running ones (or by
    rules not recorded): until `match_keys_rebuild`, lookups miss persons."""
    from opennrm.matching.key_rules import rules_fingerprint

    state = MatchKeyState.objects.filter(pk=1).first()
    if state is None:
        return Person.objects.exists()
    return state.fingerprint != rules_fingerprint()


def _no_case() -> Q:
    return ~Q(Exists(Case.objects.filter(person=OuterRef("pk"))))


def editable_by(organisation_id: uuid.UUID) -> Q:
    """Persons an organisation may edit, and so review and merge: it owns every case of the
    person (a person without any case: it registered it). Access follows the cases as they
    are now, never who registered a person whose case has since moved."""
    cases = Case.objects.filter(person=OuterRef("pk"))
    owns = Exists(cases.filter(owner_organisation_id=organisation_id))
    others_own = Exists(cases.exclude(owner_organisation_id=organisation_id))
    return (Q(owns) & ~Q(others_own)) | (Q(registered_by_id=organisation_id) & _no_case())


def visible_to(organisation_id: uuid.UUID) -> Q:
    """Persons an organisation may see: a case of theirs it owns or was granted read access
    to (a person without any case: it registered it)."""
    owns = Case.objects.filter(person=OuterRef("pk"), owner_organisation_id=organisation_id)
    granted = CaseAccessGrant.objects.filter(
        case__person=OuterRef("pk"), organisation_id=organisation_id, revoked_at__isnull=True
    )
    return Q(Exists(owns)) | Q(Exists(granted)) | (Q(registered_by_id=organisation_id) & _no_case())


def candidate_ids(parts: NameParts, *, exclude: uuid.UUID | None = None) -> list[uuid.UUID]:
    keys = blocking_lookup_keys(parts)
    if not keys:
        return []
    # Keys only (an index lookup); the persons sharing the most keys come first. Merged
    # records are left out when the persons are read.
    found = PersonMatchKey.objects.filter(key__in=keys)
    if exclude is not None:
        found = found.exclude(person_id=exclude)
    ranked = (
        found.values("person_id")
        .annotate(shared=Count("key"))
        .order_by("-shared", "person_id")
        .values_list("person_id", flat=True)
    )
    return list(ranked[:MAX_CANDIDATES])


@dataclass(frozen=True)
class LikelyMatch:
    person: Person
    probability: float
    agreeing: list[str]
    disagreeing: list[str]
    not_compared: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.probability * 100)

    @property
    def same_name(self) -> bool:
        """Given and family names agree (in either script, any spelling the keys accept)."""
        return {"given_name", "family_name"} <= set(self.agreeing)


@dataclass(frozen=True)
class IntakeMatches:
    shown: list[LikelyMatch]
    more: int  # further persons of the organisation with the same name, not shown


def intake_matches(
    *, actor: Membership, parts: NameParts, exclude: uuid.UUID | None = None, limit: int = 10
) -> IntakeMatches:
    """The persons the actor's organisation may see that may be this one, best first: those
    Splink scores above the display threshold, and every person whose given and family names
    agree in either script even when nothing else can be compared (a name typed alone scores
    low, but a case worker must see that the name is known). Unknown sex is not compared."""
    if not (actor.can(Permission.VIEW_CASES) or actor.can(Permission.CREATE_CASE)):
        return IntakeMatches([], 0)
    ids = candidate_ids(parts, exclude=exclude)
    if not ids:
        return IntakeMatches([], 0)
    own = list(
        iterate_persons(
            Person.objects.filter(pk__in=ids, merged_into__isnull=True).filter(
                visible_to(actor.organisation_id)
            )
        )
    )
    scores = score(
        splink_record("new", parts),
        [splink_record(str(p.pk), NameParts.of(p)) for p in own],
    )
    by_id = {str(p.pk): p for p in own}
    threshold = settings.OPENNRM_MATCH_SHOW_THRESHOLD
    found = [
        LikelyMatch(
            person=by_id[s.candidate_id],
            probability=s.probability,
            agreeing=s.agreeing,
            disagreeing=s.disagreeing,
            not_compared=s.not_compared,
        )
        for s in scores
    ]
    found = [m for m in found if m.probability >= threshold or m.same_name]
    matches = found[:limit]
    audit_record(
        action="person.match_lookup",
        actor=actor,
        object_type="person",
        object_id="",
        subject_organisation_id=actor.organisation_id,
        details={"shown": [str(m.person.reference_code) for m in matches]},
    )
    return IntakeMatches(matches, len(found) - len(matches))


def likely_matches(
    *, actor: Membership, parts: NameParts, exclude: uuid.UUID | None = None, limit: int = 10
) -> list[LikelyMatch]:
    """The persons of the actor's own organisation most likely to be this one."""
    return intake_matches(actor=actor, parts=parts, exclude=exclude, limit=limit).shown


def own_organisation_candidates(
    *, person: Person, organisation_id: uuid.UUID
) -> list[tuple[Person, PairScore]]:
    """Likely matches of a saved person among the other records its organisation holds (for
    the organisation's review queue)."""
    ids = candidate_ids(NameParts.of(person), exclude=person.pk)
    if not ids:
        return []
    own = list(
        iterate_persons(
            Person.objects.filter(pk__in=ids, merged_into__isnull=True).filter(
                editable_by(organisation_id)
            )
        )
    )
    records = [splink_record(str(p.pk), NameParts.of(p)) for p in own]
    by_id = {str(p.pk): p for p in own}
    threshold = settings.OPENNRM_MATCH_REVIEW_THRESHOLD
    return [
        (by_id[s.candidate_id], s)
        for s in score(splink_record(str(person.pk), NameParts.of(person)), records)
        if s.probability >= threshold
    ]


def other_organisations_candidates(
    *, person: Person, organisation_id: uuid.UUID
) -> list[tuple[Person, PairScore]]:
    """Likely matches of a saved person among persons other organisations hold (for the
    coordinator's alerts, never for the user)."""
    parts = NameParts.of(person)
    ids = candidate_ids(parts, exclude=person.pk)
    if not ids:
        return []
    others = list(
        iterate_persons(
            Person.objects.filter(pk__in=ids, merged_into__isnull=True).exclude(
                visible_to(organisation_id)
            )
        )
    )
    record = splink_record(str(person.pk), parts)
    records = {str(p.pk): splink_record(str(p.pk), NameParts.of(p)) for p in others}
    by_id = {str(p.pk): p for p in others}
    threshold = settings.OPENNRM_MATCH_ALERT_THRESHOLD
    return [
        (by_id[s.candidate_id], s)
        for s in score(record, list(records.values()))
        if s.probability >= threshold and strong_identifier_agrees(record, records[s.candidate_id])
    ]


def strong_identifier_agrees(first: dict[str, object], second: dict[str, object]) -> bool:
    """Besides the names, a full date of birth (1 January excluded) or a phone in common.
    Namesakes born the same year are common: an alert that joins two organisations' files
    asks for more than names (a wrong match is worse than a missed one)."""
    return any(
        first[column] is not None and first[column] == second[column]
        for column in ("birth_date", "phone")
    )


def alerts_visible_to(actor: Membership) -> QuerySet[CrossOrganisationAlert]:
    if not actor.can(Permission.REVIEW_CROSS_ORGANISATION_DUPLICATES):
        return CrossOrganisationAlert.objects.none()
    return CrossOrganisationAlert.objects.select_related(
        "person", "other_person", "organisation", "other_organisation", "decided_by"
    ).order_by("state", "-created_at")


def access_alert(*, actor: Membership, alert_id: object) -> CrossOrganisationAlert:
    pk = as_uuid(alert_id)
    alert = alerts_visible_to(actor).filter(pk=pk).first() if pk is not None else None
    if alert is None:
        raise Http404
    return alert


def alerts_home_panel(actor: Membership) -> Panel | None:
    if not actor.can(Permission.REVIEW_CROSS_ORGANISATION_DUPLICATES):
        return None
    return Panel(
        template="matching/_home_panel.html",
        context={"open": alerts_visible_to(actor).filter(state=AlertState.OPEN).count()},
    )


def _pair_persons(condition: Q) -> Q:
    """Both persons of a pair meet `condition` (correlated per pair, not evaluated over every
    person of the database)."""
    persons = Person.objects.filter(condition)
    return Q(Exists(persons.filter(pk=OuterRef("person_id")))) & Q(
        Exists(persons.filter(pk=OuterRef("other_person_id")))
    )


def review_queue(actor: Membership) -> QuerySet[DuplicateCandidate]:
    """The organisation's pairs, as access stands now: an open pair only while the
    organisation may edit both persons (a case transferred away takes its pair out of the
    queue), a decided one while it may still see both (a merged record through the person it
    was merged into)."""
    if not actor.can(Permission.REVIEW_DUPLICATES):
        return DuplicateCandidate.objects.none()
    org = actor.organisation_id
    survivor_visible = Person.objects.filter(pk=OuterRef("merged_into_id")).filter(visible_to(org))
    seen = visible_to(org) | Q(Exists(survivor_visible))
    return (
        DuplicateCandidate.objects.filter(organisation_id=org)
        .filter(
            (Q(state=CandidateState.OPEN) & _pair_persons(editable_by(org)))
            | (~Q(state=CandidateState.OPEN) & _pair_persons(seen))
        )
        .select_related("person", "other_person", "decided_by")
    )


def access_candidate(*, actor: Membership, candidate_id: object) -> DuplicateCandidate:
    """A pair of the actor's organisation's records; reading it is audited for both."""
    pk = as_uuid(candidate_id)
    candidate = review_queue(actor).filter(pk=pk).first() if pk is not None else None
    if candidate is None:
        raise Http404
    audit_record(
        action="person.compared",
        actor=actor,
        object_type="person",
        object_id=candidate.person_id,
        subject_organisation_id=actor.organisation_id,
        details={"other_person_id": str(candidate.other_person_id)},
    )
    return candidate


def access_merge(*, actor: Membership, merge_id: object) -> Merge:
    pk = as_uuid(merge_id)
    merge = (
        Merge.objects.select_related("candidate", "survivor", "merged")
        .filter(pk=pk, candidate__in=review_queue(actor))
        .first()
        if pk is not None and actor.can(Permission.REVIEW_DUPLICATES)
        else None
    )
    if merge is None:
        raise Http404
    return merge


def pair_explained(candidate: DuplicateCandidate) -> PairScore | None:
    """Splink's score of the pair now, with each comparison's weight."""
    scores = score(
        splink_record(str(candidate.person_id), NameParts.of(candidate.person)),
        [splink_record(str(candidate.other_person_id), NameParts.of(candidate.other_person))],
    )
    return scores[0] if scores else None


SEARCH_KEYS = 12  # of a name typed in the search box: enough for its readings in both scripts


def search_keys(term: str) -> list[str]:
    """The keys a name typed in the search box is looked up by: a full name by its full-name
    keys, as typed and with its last word first (a family name typed before the given name);
    a single name by the readings of each part of the stored names ("yasin" finds Yassine)."""
    words = term.split()
    if not words:
        return []
    if len(words) == 1:
        return sorted(
            index
            for key in sorted(word_keys(term))[:SEARCH_KEYS]
            for index in blind_indexes(f"w:{key}", purpose=SEARCH_PURPOSE)
        )
    readings = {" ".join(words), " ".join([words[-1], *words[:-1]])}
    return sorted(
        {
            index
            for reading in readings
            for key in sorted(name_keys(reading))[:SEARCH_KEYS]
            for index in blind_indexes(f"n:{key}", purpose="match-key")
        }
    )


def persons_with_keys(keys: list[str]) -> Any:
    """Ids of the persons carrying any of the keys (a subquery)."""
    return PersonMatchKey.objects.filter(key__in=keys).values("person_id")
