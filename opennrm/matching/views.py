"""The intake lookup: while a person is being entered, the persons of one's own organisation
most likely to be the same, with the fields that agree and a score."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases.selectors import cases_visible_to
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.matching import services
from opennrm.matching.records import NameParts
from opennrm.matching.selectors import (
    IntakeMatches,
    access_alert,
    alerts_visible_to,
    intake_matches,
)
from opennrm.people.validation import parse_phone_or_none

FIELD_LABELS = {
    "given_name": _("given name"),
    "family_name": _("family name"),
    "birth": _("birth"),
    "sex": _("sex"),
    "citizenship": _("citizenship"),
    "phone": _("phone"),
    "family_name_2": _("second family name"),
    "organisation": _("organisation that registered it"),
    "registered": _("date of registration"),
}


@member_required
@require_POST
def lookup(request: HttpRequest) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.CREATE_CASE):
        raise PermissionDenied
    data = request.POST
    parts = NameParts(
        given_latin=data.get("given_name_latin", "")[:200],
        family_latin=data.get("family_name_latin", "")[:200],
        given_arabic=data.get("given_name_arabic", "")[:200],
        family_arabic=data.get("family_name_arabic", "")[:200],
        birth_date=data.get("birth_date", "")[:10],
        gender=data.get("gender", "")[:30],
        citizenships=tuple(data.getlist("citizenships")[:3]),
        phone=parse_phone_or_none(data.get("phone", "")[:30]) or "",
    )
    has_name = any((parts.given_latin, parts.family_latin, parts.given_arabic, parts.family_arabic))
    found = (
        intake_matches(actor=actor, parts=parts)
        if has_name or parts.phone
        else IntakeMatches([], 0)
    )
    matches = found.shown
    cases = {
        c.person_id: c
        # The most recently updated case of each person wins.
        for c in cases_visible_to(actor)
        .filter(person__in=[m.person for m in matches])
        .order_by("updated_at")
    }
    return render(
        request,
        "matching/_matches.html",
        {
            "matches": [
                {
                    "match": m,
                    "case": cases.get(m.person.pk),
                    "same_name": m.same_name,
                    "agreeing": [
                        FIELD_LABELS[f]
                        for f in m.agreeing
                        if f in FIELD_LABELS
                        and not (m.same_name and f in {"given_name", "family_name"})
                    ],
                    "disagreeing": [FIELD_LABELS[f] for f in m.disagreeing if f in FIELD_LABELS],
                    "no_birth": "birth" in m.not_compared,
                }
                for m in matches
            ],
            "more": found.more,
            "looked": has_name or bool(parts.phone),
        },
    )


@member_required
def alert_list(request: HttpRequest) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.REVIEW_CROSS_ORGANISATION_DUPLICATES):
        raise PermissionDenied
    alerts = list(alerts_visible_to(actor)[:200])
    return render(
        request,
        "matching/alerts.html",
        {
            "alerts": [
                {"alert": a, "agreeing": [FIELD_LABELS.get(f, f) for f in a.agreeing]}
                for a in alerts
            ]
        },
    )


@member_required
@require_POST
def alert_decide(request: HttpRequest, alert_id: str) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    alert = access_alert(actor=actor, alert_id=alert_id)
    try:
        services.alert_decide(
            actor=actor,
            alert=alert,
            connect=request.POST.get("decision") == "connect",
            note=request.POST.get("note", "")[:2000],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Decision recorded."))
    return redirect("matching:alerts")
