"""Every read of a case goes through here. Another organisation's case and a missing one look
exactly alike to the caller (404), and every access is itself audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from opennrm.accounts.models import Membership
from opennrm.cases.models import (
    Case,
    CaseAccessGrant,
    ConsentRecord,
    IdentificationDecision,
    RecoveryPeriod,
    SupportAction,
    SupportPlan,
)
from opennrm.cases.vocabularies import (
    IdentificationOutcome,
    IdentificationStage,
    SupportActionStatus,
)
from opennrm.core.audit import audit_record
from opennrm.core.ids import as_uuid
from opennrm.core.models import AuditEvent
from opennrm.core.permissions import Permission
from opennrm.core.references import looks_like_reference
from opennrm.core.search import approximate_keys, approximate_person_ids
from opennrm.people.models import Person
from opennrm.people.services import name_indexes, phone_indexes
from opennrm.people.validation import age_in_years, parse_phone_or_none
from opennrm.screening.models import ExploitationForm, IndicatorSet, Population, Screening

# What an organisation with read access only (not the owner) may do with a case.
READ_ONLY_PURPOSES = frozenset({"view", "api_view", "print"})
MAX_GRANTS = 5000


def cases_owned_by(actor: Membership | None) -> QuerySet[Case]:
    """The cases the actor's organisation is responsible for: its work lists and deadlines."""
    if actor is None or not actor.can(Permission.VIEW_CASES):
        return Case.objects.none()
    return Case.objects.filter(owner_organisation_id=actor.organisation_id)


def cases_visible_to(actor: Membership | None, *, one_case: bool = False) -> QuerySet[Case]:
    """The one starting point of every case query: the cases the actor's organisation owns,
    and those it was granted read access to (a former owner after a transfer). `one_case`:
    the caller picks one case by its key, and the grants are checked in the same statement."""
    if actor is None or not actor.can(Permission.VIEW_CASES):
        return Case.objects.none()
    condition = Q(owner_organisation_id=actor.organisation_id)
    if one_case:
        granted_here = CaseAccessGrant.objects.filter(
            case=OuterRef("pk"), organisation_id=actor.organisation_id, revoked_at__isnull=True
        )
        return Case.objects.filter(condition | Q(Exists(granted_here)))
    # Grants are few: fetched first, so the common case keeps its plain indexed query.
    granted = list(
        CaseAccessGrant.objects.filter(
            organisation_id=actor.organisation_id, revoked_at__isnull=True
        ).values_list("case_id", flat=True)[:MAX_GRANTS]
    )
    if granted:
        condition |= Q(pk__in=granted)
    return Case.objects.filter(condition)


def is_read_only(actor: Membership, case: Case) -> bool:
    return case.owner_organisation_id != actor.organisation_id


def access_case(*, actor: Membership | None, case_id: Any, purpose: str = "view") -> Case:
    pk = as_uuid(case_id)
    case = (
        cases_visible_to(actor, one_case=True)
        .select_related("person", "owner_organisation", "case_owner", "referring_organisation")
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if case is not None and actor is not None and is_read_only(actor, case):
        # Read access only: anything but reading is refused like a missing case.
        case = case if purpose in READ_ONLY_PURPOSES else None
    if actor is not None:
        if case is None:
            audit_record(
                action="case.access_refused",
                actor=actor,
                object_type="case",
                object_id=case_id if pk is not None else "",
                details={"purpose": purpose},
            )
        else:
            audit_record(
                action="case.accessed",
                actor=actor,
                object_type="case",
                object_id=case.pk,
                subject_organisation_id=case.owner_organisation_id,
                details={"purpose": purpose},
            )
    if case is None:
        raise Http404
    return case


def access_consent(*, actor: Membership | None, case: Case, consent_id: Any) -> ConsentRecord:
    """Consent records are reached only through a case already obtained by access_case."""
    pk = as_uuid(consent_id)
    consent = case.consents.filter(pk=pk).first() if pk is not None else None
    if consent is None:
        raise Http404
    return consent


@dataclass(frozen=True)
class CaseFilters:
    nrm_stage: str = ""
    trafficking_status: str = ""
    exploitation_type: str = ""
    status: str = ""
    identification_region: str = ""
    mine_only: bool = False
    first_contact_from: date | None = None
    first_contact_to: date | None = None
    age_band: str = ""
    sex: str = ""
    citizenship: str = ""
    # Cases with an identification decision of this kind, decided in the period.
    decision: str = ""  # "presumed", "identified" or "negative"
    decided_from: date | None = None
    decided_to: date | None = None
    sort: str = ""


DECISIONS = {
    "presumed": Q(stage=IdentificationStage.PRELIMINARY, outcome=IdentificationOutcome.POSITIVE),
    "identified": Q(stage=IdentificationStage.FINAL, outcome=IdentificationOutcome.POSITIVE),
    "negative": Q(outcome=IdentificationOutcome.NEGATIVE),
}


# Columns the case list sorts by (the last is the default), each with a tie-breaker.
CASE_SORTS = {
    "reference": ("reference_code",),
    "-reference": ("-reference_code",),
    "first_contact": ("identified_on", "id"),
    "-first_contact": ("-identified_on", "-id"),
    "stage": ("nrm_stage", "-updated_at", "-id"),
    "-stage": ("-nrm_stage", "-updated_at", "-id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
}


SEARCH_BY_REFERENCE = "reference"
SEARCH_BY_PHONE = "phone"
SEARCH_BY_NAME = "name"


def classify_search(term: str) -> str:
    if looks_like_reference(term):
        return SEARCH_BY_REFERENCE
    if any(ch.isdigit() for ch in term) and parse_phone_or_none(term):
        return SEARCH_BY_PHONE
    return SEARCH_BY_NAME


@dataclass(frozen=True)
class SearchKey:
    """What a search looks for, without the term itself: a reference code (not identifying) or
    a keyed hash. Safe to keep in the session between pages."""

    kind: str
    value: str
    # A name's full-name duplicate-detection keys (keyed hashes): close spellings match too.
    near: tuple[str, ...] = ()
    # The same value under the other blind-index keys of a rotation in progress.
    also: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "value": self.value,
            "near": list(self.near),
            "also": list(self.also),
        }

    @classmethod
    def from_dict(cls, data: object) -> SearchKey | None:
        if not isinstance(data, dict):
            return None
        kind, value, near = data.get("kind"), data.get("value"), data.get("near") or []
        if kind not in {SEARCH_BY_REFERENCE, SEARCH_BY_PHONE, SEARCH_BY_NAME}:
            return None
        also = data.get("also") or []
        return cls(
            kind=str(kind),
            value=str(value or ""),
            near=tuple(str(k) for k in near) if isinstance(near, list) else (),
            also=tuple(str(k) for k in also) if isinstance(also, list) else (),
        )


# Invisible direction marks and isolates a reference copied from a notice or an Arabic page
# may carry.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c"))


def search_key(term: str) -> SearchKey:
    term = term.translate(_BIDI_CONTROLS)
    kind = classify_search(term)
    if kind == SEARCH_BY_REFERENCE:
        return SearchKey(kind, term.strip().upper())
    if kind == SEARCH_BY_PHONE:
        phones = phone_indexes(parse_phone_or_none(term) or "")
        return SearchKey(kind, phones[0] if phones else "", also=tuple(phones[1:]))
    names = name_indexes(term)
    return SearchKey(
        kind, names[0] if names else "", tuple(approximate_keys(term)), also=tuple(names[1:])
    )


def _search_condition(key: SearchKey) -> Q:
    if not key.value:
        return Q(pk__in=[])
    if key.kind == SEARCH_BY_REFERENCE:
        return Q(reference_code=key.value) | Q(person__reference_code=key.value)
    values = [key.value, *key.also]
    if key.kind == SEARCH_BY_PHONE:
        persons = Person.objects.filter(phone_index__in=values)
    else:
        persons = Person.objects.filter(
            Q(name_latin_index__in=values)
            | Q(name_arabic_index__in=values)
            | Q(alias_index__in=values)
        )
    # A subquery on the person indexes: a handful of ids, then the cases by person.
    condition = Q(person_id__in=persons.values("id"))
    for near in approximate_person_ids(list(key.near)):
        condition |= Q(person_id__in=near)
    return condition


# The list's plain filters: field -> lookup.
CASE_FIELD_FILTERS = {
    "nrm_stage": "nrm_stage",
    "trafficking_status": "trafficking_status",
    "status": "status",
    "identification_region": "identification_region",
    "exploitation_type": "exploitations__exploitation_type",
    "first_contact_from": "identified_on__gte",
    "first_contact_to": "identified_on__lte",
    "age_band": "age_band",
    "sex": "person__gender",
}


def filter_cases(cases: QuerySet[Case], filters: CaseFilters) -> QuerySet[Case]:
    """The cases that pass the filters (the list's, and those of lists of things about cases)."""
    for name, lookup in CASE_FIELD_FILTERS.items():
        value = getattr(filters, name)
        if value:
            cases = cases.filter(**{lookup: value})
    if filters.citizenship:
        # The list of citizenships is JSON: its text holds the code between quotes.
        cases = cases.filter(person__citizenships__icontains=f'"{filters.citizenship}"')
    if filters.decision in DECISIONS:
        decided = IdentificationDecision.objects.filter(
            DECISIONS[filters.decision], case_id=OuterRef("pk")
        )
        if filters.decided_from:
            decided = decided.filter(decided_on__gte=filters.decided_from)
        if filters.decided_to:
            decided = decided.filter(decided_on__lte=filters.decided_to)
        cases = cases.filter(Exists(decided))
    return cases


def case_list(
    *, actor: Membership | None, filters: CaseFilters, search: SearchKey | None = None
) -> QuerySet[Case]:
    """Rows for the case list: no identifying value is loaded, let alone decrypted."""
    cases = filter_cases(cases_visible_to(actor), filters)
    if filters.mine_only and actor is not None:
        cases = cases.filter(case_owner_id=actor.user_id)
    if search is not None:
        cases = cases.filter(_search_condition(search))
    return (
        cases.select_related("person")
        .only(
            "person__reference_code",
            "id",
            "reference_code",
            "nrm_stage",
            "status",
            "trafficking_status",
            "identification_region",
            "identified_on",
            "updated_at",
            "case_owner_id",
            "owner_organisation_id",
        )
        .prefetch_related("exploitations")
        .order_by(*CASE_SORTS.get(filters.sort, CASE_SORTS["-updated"]))
    )


def case_audit_trail(*, actor: Membership, case: Case) -> QuerySet[AuditEvent]:
    if not actor.can(Permission.VIEW_CASE_AUDIT_TRAIL):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        Q(object_type="case", object_id=str(case.pk))
        | Q(object_type="person", object_id=str(case.person_id))
    ).order_by("-seq")


def organisation_access_log(*, actor: Membership) -> QuerySet[AuditEvent]:
    """Who did what to the records this organisation owns, whoever they were."""
    if not actor.can(Permission.VIEW_ORGANISATION_ACCESS_LOG):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(subject_organisation_id=actor.organisation_id).order_by("-seq")


def access_identification_decision(*, case: Case, decision_id: Any) -> IdentificationDecision:
    """Identification decisions are reached only through a case obtained by access_case."""
    pk = as_uuid(decision_id)
    decision = case.identification_decisions.filter(pk=pk).first() if pk is not None else None
    if decision is None:
        raise Http404
    return decision


def access_recovery_period(*, case: Case, period_id: Any) -> RecoveryPeriod:
    pk = as_uuid(period_id)
    period = case.recovery_periods.filter(pk=pk).first() if pk is not None else None
    if period is None:
        raise Http404
    return period


def access_screening(*, case: Case, screening_id: Any) -> Screening:
    """Screenings are reached only through a case obtained by access_case (its person's)."""
    pk = as_uuid(screening_id)
    screening = (
        Screening.objects.filter(person_id=case.person_id, pk=pk)
        .select_related("indicator_set", "interviewer")
        .first()
        if pk is not None
        else None
    )
    if screening is None:
        raise Http404
    return screening


def proposed_indicator_set(*, case: Case) -> IndicatorSet | None:
    """The set that fits the case: children's lists under 18 at the time of exploitation,
    sexual-exploitation lists when that is a form of the case, else labour."""
    age = case.age_when_trafficked
    if age is None:
        age = age_in_years(case.person.birth_date, on=case.identified_on)
    population = Population.CHILD if age is not None and age < 18 else Population.ADULT
    sexual = case.exploitations.filter(
        exploitation_type__in=["SexualExploitation", "Pornography"]
    ).exists()
    active = IndicatorSet.objects.filter(is_active=True, population=population)
    preferred = ExploitationForm.SEXUAL if sexual else ExploitationForm.LABOUR
    return (
        active.filter(exploitation=preferred).order_by("-version").first()
        or active.filter(exploitation=ExploitationForm.LABOUR).order_by("-version").first()
    )


def screenings_of(*, case: Case) -> QuerySet[Screening]:
    return Screening.objects.filter(person_id=case.person_id).select_related(
        "indicator_set", "interviewer"
    )


def active_indicator_set(set_id: Any) -> IndicatorSet | None:
    pk = as_uuid(set_id)
    return IndicatorSet.objects.filter(pk=pk, is_active=True).first() if pk else None


def support_plan_of(case: Case) -> SupportPlan | None:
    return SupportPlan.objects.filter(case=case).first()


def access_support_action(*, case: Case, action_id: Any) -> SupportAction:
    """Support actions are reached only through a case already obtained by access_case."""
    pk = as_uuid(action_id)
    action = (
        SupportAction.objects.select_related("plan__case").filter(pk=pk, plan__case=case).first()
        if pk is not None
        else None
    )
    if action is None:
        raise Http404
    return action


@dataclass(frozen=True)
class PlanProgress:
    """The plan at a glance: how many actions, how many done and delivered, which are late."""

    actions: list[SupportAction]
    total: int
    done: int
    delivered: int
    overdue: list[SupportAction]

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def plan_progress(plan: SupportPlan, today: date | None = None) -> PlanProgress:
    today = today or timezone.localdate()
    actions = list(plan.actions.prefetch_related("referrals").order_by("due_on", "created_at"))
    counted = [a for a in actions if a.status != SupportActionStatus.CANCELLED]
    return PlanProgress(
        actions=actions,
        total=len(counted),
        done=sum(1 for a in counted if a.is_done),
        delivered=sum(1 for a in counted if a.status == SupportActionStatus.DELIVERED),
        overdue=[a for a in counted if not a.is_done and a.due_on and a.due_on < today],
    )
