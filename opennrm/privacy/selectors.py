"""What blocks erasure, and who may act on retention and holds."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.selectors import cases_visible_to
from opennrm.core.panels import EVERYTHING, Panel
from opennrm.core.permissions import Permission
from opennrm.core.text import list_separator
from opennrm.justice.models import JusticeStage, Proceeding, ProceedingCase
from opennrm.justice.selectors import proceedings_visible_to
from opennrm.justice.vocabularies import StagePhase
from opennrm.people.models import Person
from opennrm.privacy.models import LegalHold, RetentionRule, RightsRequest

ENDED_PHASES = (StagePhase.FINAL, StagePhase.DROPPED)


def open_proceedings() -> QuerySet[Proceeding]:
    """Proceedings not yet ended: a final judgment or dropped ends one."""
    ended = JusticeStage.objects.filter(
        country=OuterRef("country"), code=OuterRef("stage"), phase__in=ENDED_PHASES
    )
    return Proceeding.objects.exclude(Exists(ended))


def held_person_ids(person_ids: Iterable[Any]) -> set[Any]:
    """Of these persons, those whose records may not be erased now: an active legal hold, or a
    case of theirs (or of a record merged into them) in an open proceeding."""
    ids = list(person_ids)
    held = set(
        LegalHold.objects.filter(person_id__in=ids, lifted_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    in_proceedings = ProceedingCase.objects.filter(
        case__person_id__in=ids, proceeding__in=open_proceedings()
    ).values_list("case__person_id", flat=True)
    return held | set(in_proceedings)


def persons_held() -> Q:
    """The same as a condition on persons (for counting due records in bulk)."""
    holds = LegalHold.objects.filter(person=OuterRef("pk"), lifted_at__isnull=True)
    proceedings = ProceedingCase.objects.filter(
        case__person=OuterRef("pk"), proceeding__in=open_proceedings()
    )
    return Q(Exists(holds)) | Q(Exists(proceedings))


def hold_reasons(person: Person) -> list[str]:
    """Why a person's records are held, in the reader's words (empty: not held)."""
    from django.utils.translation import gettext as _

    reasons = [
        f"{h.get_reason_display()}" + (f" ({h.reference})" if h.reference else "")
        for h in LegalHold.objects.filter(person=person, lifted_at__isnull=True)
    ]
    refs = ProceedingCase.objects.filter(
        case__person=person, proceeding__in=open_proceedings()
    ).values_list("proceeding__reference_code", flat=True)
    reasons += [_("Open criminal proceeding %(ref)s") % {"ref": r} for r in refs]
    return reasons


def retention_rules(actor: Membership) -> QuerySet[RetentionRule]:
    from django.core.exceptions import PermissionDenied

    if not actor.can(Permission.MANAGE_RETENTION):
        raise PermissionDenied
    return RetentionRule.objects.all()


def holds_visible_to(actor: Membership) -> QuerySet[LegalHold]:
    """The data protection officer sees every hold; a prosecutor's office the ones it placed."""
    if actor.can(Permission.MANAGE_RETENTION):
        return LegalHold.objects.all()
    if actor.can(Permission.PLACE_LEGAL_HOLD):
        return LegalHold.objects.filter(placed_for_id=actor.organisation_id)
    return LegalHold.objects.none()


def case_for_hold(actor: Membership, reference: str) -> Case:
    """The case a hold is asked on, by its reference: a prosecutor's office holds the cases it
    sees (its own, or its proceedings' victims); the data protection officer any case. Not
    found and not allowed read the same (404)."""
    from django.http import Http404

    reference = reference.strip().upper()
    case = None
    if reference and actor.can(Permission.MANAGE_RETENTION):
        case = Case.objects.filter(reference_code=reference).first()
    elif reference and actor.can(Permission.PLACE_LEGAL_HOLD):
        via_proceedings = ProceedingCase.objects.filter(
            proceeding__in=proceedings_visible_to(actor)
        ).values("case_id")
        case = (
            Case.objects.filter(reference_code=reference)
            .filter(Q(pk__in=cases_visible_to(actor).values("pk")) | Q(pk__in=via_proceedings))
            .first()
        )
    if case is None:
        raise Http404
    return case


def access_hold(*, actor: Membership, hold_id: Any) -> LegalHold:
    from django.http import Http404

    from opennrm.core.ids import as_uuid

    pk = as_uuid(hold_id)
    hold = holds_visible_to(actor).filter(pk=pk).first() if pk else None
    if hold is None:
        raise Http404
    return hold


def rights_requests_visible_to(actor: Membership) -> QuerySet[RightsRequest]:
    """An organisation's own requests; every organisation's for the data protection officer
    (who oversees deadlines: references and dates, no names)."""
    if actor.can(Permission.MANAGE_RETENTION):
        return RightsRequest.objects.all()
    if actor.can(Permission.HANDLE_RIGHTS_REQUESTS):
        return RightsRequest.objects.filter(organisation_id=actor.organisation_id)
    return RightsRequest.objects.none()


def access_rights_request(*, actor: Membership, request_id: Any) -> RightsRequest:
    """A request the actor's organisation handles (404 otherwise, whether or not it exists)."""
    from django.http import Http404

    from opennrm.core.ids import as_uuid

    pk = as_uuid(request_id)
    request = (
        RightsRequest.objects.filter(pk=pk, organisation_id=actor.organisation_id)
        .select_related("case", "person")
        .first()
        if pk and actor.can(Permission.HANDLE_RIGHTS_REQUESTS)
        else None
    )
    if request is None:
        raise Http404
    return request


def rights_case_rows() -> dict[str, QuerySet[Any]]:
    return {
        "rights_requests": RightsRequest.objects.filter(person=OuterRef("person_id")),
        "legal_holds": LegalHold.objects.filter(
            person=OuterRef("person_id"), lifted_at__isnull=True
        ),
        "proceedings_of_person": ProceedingCase.objects.filter(case__person=OuterRef("person_id")),
    }


def rights_case_panel(
    actor: Membership, case: Case, present: Container[str] = EVERYTHING
) -> Panel | None:
    """On the case page of the organisation that owns it: the person's requests and holds."""
    if case.owner_organisation_id != actor.organisation_id or not actor.can(
        Permission.HANDLE_RIGHTS_REQUESTS
    ):
        return None
    held = "legal_holds" in present or "proceedings_of_person" in present
    return Panel(
        template="privacy/_case_panel.html",
        context={
            "case": case,
            "requests": list(
                RightsRequest.objects.filter(
                    person=case.person, organisation_id=actor.organisation_id
                ).order_by("-received_on")[:10]
            )
            if "rights_requests" in present
            else [],
            "holds": list_separator().join(hold_reasons(case.person)) if held else "",
            "erased": case.person.erased_at is not None,
        },
    )


def rights_home_panel(actor: Membership) -> Panel | None:
    """The organisation's open requests, the late ones first (none: no panel)."""
    if not actor.can(Permission.HANDLE_RIGHTS_REQUESTS):
        return None
    from django.utils import timezone

    open_requests = list(
        RightsRequest.objects.filter(organisation_id=actor.organisation_id, state="Open")
        .select_related("case")
        .order_by("due_on")[:10]
    )
    if not open_requests:
        return None
    return Panel(
        template="privacy/_home_requests.html",
        context={"requests": open_requests, "today": timezone.localdate()},
    )
