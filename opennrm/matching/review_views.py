"""The organisation's review queue: pairs side by side, the score explained, merge or not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core import geo
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.core.text import joined
from opennrm.matching import review
from opennrm.matching.models import Merge
from opennrm.matching.selectors import (
    access_candidate,
    access_merge,
    pair_explained,
    review_queue,
)
from opennrm.matching.views import FIELD_LABELS
from opennrm.people.models import Person

# Rows of the side-by-side view, and the comparison that judges each.
ROWS = [
    ("given_name_latin", gettext_lazy("Given name (Latin script)"), "given_name"),
    ("given_name_arabic", gettext_lazy("Given name (Arabic script)"), "given_name"),
    ("family_name_latin", gettext_lazy("Family name (Latin script)"), "family_name"),
    ("family_name_arabic", gettext_lazy("Family name (Arabic script)"), "family_name"),
    ("birth_date", gettext_lazy("Date of birth"), "birth"),
    ("gender", gettext_lazy("Sex"), "sex"),
    ("citizenships", gettext_lazy("Citizenship"), "citizenship"),
    ("phone", gettext_lazy("Phone"), "phone"),
]


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.REVIEW_DUPLICATES):
        raise PermissionDenied
    return actor


def _value(person: Person, field: str) -> str:
    value = getattr(person, field)
    if field == "citizenships":
        return joined(geo.country_name(c) for c in value)
    if field == "gender":
        return str(person.get_gender_display())
    return str(value or "")


@member_required
def queue(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    return render(request, "matching/review_queue.html", {"candidates": review_queue(actor)[:200]})


@member_required
def pair(request: HttpRequest, candidate_id: str) -> HttpResponse:
    actor = _actor(request)
    candidate = access_candidate(actor=actor, candidate_id=candidate_id)
    explained = pair_explained(candidate)
    agreeing = set(explained.agreeing if explained else [])
    disagreeing = set(explained.disagreeing if explained else [])
    rows: list[dict[str, Any]] = []
    for field, label, comparison in ROWS:
        left, right = _value(candidate.person, field), _value(candidate.other_person, field)
        if not left and not right:
            continue
        rows.append(
            {
                "label": label,
                "left": left,
                "right": right,
                "state": "agree"
                if comparison in agreeing
                else "differ"
                if comparison in disagreeing
                else "",
            }
        )
    weights = (
        [(FIELD_LABELS.get(c, c), round(w, 1)) for c, w in (explained.weights or {}).items()]
        if explained
        else []
    )
    return render(
        request,
        "matching/review_pair.html",
        {
            "candidate": candidate,
            "rows": rows,
            "explained": explained,
            "weights": weights,
            "merges": Merge.objects.filter(candidate=candidate).order_by("-created_at"),
            # Only the organisation's own cases: a person may also have cases elsewhere.
            "cases": [
                list(p.cases.filter(owner_organisation_id=actor.organisation_id))
                for p in (candidate.person, candidate.other_person)
            ],
        },
    )


@member_required
@require_POST
def decide(request: HttpRequest, candidate_id: str) -> HttpResponse:
    actor = _actor(request)
    candidate = access_candidate(actor=actor, candidate_id=candidate_id)
    note = request.POST.get("note", "")[:2000]
    try:
        if request.POST.get("decision") == "merge":
            keep = request.POST.get("survivor")
            survivor = next(
                (p for p in (candidate.person, candidate.other_person) if str(p.pk) == keep),
                None,
            )
            if survivor is None:
                raise ApplicationError(_("Choose one of the two records to keep."))
            review.duplicate_merge(actor=actor, candidate=candidate, survivor=survivor, note=note)
            messages.success(request, _("Merged. It can be undone from this page."))
        else:
            review.duplicate_not_same(actor=actor, candidate=candidate, note=note)
            messages.success(request, _("Recorded: not the same person. The pair will not return."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("matching:pair", candidate_id=candidate.pk)


@member_required
@require_POST
def undo(request: HttpRequest, merge_id: str) -> HttpResponse:
    actor = _actor(request)
    merge = access_merge(actor=actor, merge_id=merge_id)
    try:
        review.duplicate_unmerge(actor=actor, merge=merge)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Merge undone."))
    return redirect("matching:pair", candidate_id=merge.candidate_id)
