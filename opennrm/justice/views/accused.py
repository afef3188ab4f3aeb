"""Suspects and accused of a proceeding: adding one, their page with charges and judgments,
and the steps recorded on it (details, a charge, a judgment, a compensation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import StyledForm, add_application_error
from opennrm.justice import selectors, services
from opennrm.justice.forms import ChargeForm, CompensationForm, JudgmentForm, PerpetratorForm
from opennrm.justice.hearings import pseudonyms, victim_label
from opennrm.justice.models import Perpetrator, Proceeding


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


def _victim_names(actor: Membership, proceeding: Proceeding) -> dict[Any, str]:
    """Victims as the actor may read them: a concealed person by pseudonym only."""
    hidden = pseudonyms(proceeding)
    return {
        v.pk: victim_label(actor, v, hidden)
        for v in proceeding.cases.select_related("case__person")
    }


def _forms(actor: Membership, perpetrator: Perpetrator, data: Any = None) -> dict[str, StyledForm]:
    proceeding = perpetrator.proceeding
    names = _victim_names(actor, proceeding)
    convictions = [
        j
        for charge in perpetrator.charges.select_related("offence")
        for j in charge.judgments.all()
        if j.is_conviction
    ]
    return {
        "edit": PerpetratorForm(data, initial=PerpetratorForm.initial_of(perpetrator)),
        "charge": ChargeForm(data, country=proceeding.country),
        "judgment": JudgmentForm(data, perpetrator=perpetrator),
        "compensation": CompensationForm(
            data,
            judgments=convictions,
            victims=[(v, names[v.pk]) for v in proceeding.cases.all()],
        ),
    }


def _page(
    request: HttpRequest,
    actor: Membership,
    perpetrator: Perpetrator,
    forms: dict[str, StyledForm],
    status: int = 200,
) -> HttpResponse:
    proceeding = perpetrator.proceeding
    recordable = selectors.can_record_outcome(actor, proceeding)
    return render(
        request,
        "justice/perpetrator_detail.html",
        {
            "proceeding": proceeding,
            "perpetrator": perpetrator,
            "charges": perpetrator.charges.select_related("offence").prefetch_related(
                "judgments__court",
                "judgments__requalified_as",
                "judgments__compensations__victim__case__person",
            ),
            "sees_investigation": selectors.sees_investigation(actor),
            "victim_names": _victim_names(actor, proceeding),
            "can_record": recordable,
            "forms": forms if recordable else {},
        },
        status=status,
    )


@member_required
def perpetrator_new(request: HttpRequest, proceeding_id: str) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="record_outcome"
    )
    form = PerpetratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perpetrator = services.perpetrator_add(
                actor=actor, proceeding=proceeding, details=form.details()
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect(
                "justice:perpetrator", proceeding_id=proceeding.pk, perpetrator_id=perpetrator.pk
            )
    return render(request, "justice/perpetrator_new.html", {"form": form, "proceeding": proceeding})


@member_required
def perpetrator_detail(
    request: HttpRequest, proceeding_id: str, perpetrator_id: str
) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(actor=actor, proceeding_id=proceeding_id)
    perpetrator = selectors.access_perpetrator(
        actor=actor, proceeding=proceeding, perpetrator_id=perpetrator_id
    )
    return _page(request, actor, perpetrator, _forms(actor, perpetrator))


def _edit(actor: Membership, perpetrator: Perpetrator, form: Any) -> None:
    services.perpetrator_update(actor=actor, perpetrator=perpetrator, details=form.details())


def _charge(actor: Membership, perpetrator: Perpetrator, form: Any) -> None:
    data = form.cleaned_data
    services.charge_add(
        actor=actor,
        perpetrator=perpetrator,
        offence=data["offence"],
        aggravations=data["aggravations"],
        charged_on=data["charged_on"],
    )


def _judgment(actor: Membership, perpetrator: Perpetrator, form: Any) -> None:
    charge = selectors.access_charge(perpetrator=perpetrator, charge_id=form.cleaned_data["charge"])
    services.judgment_record(actor=actor, charge=charge, details=form.details())


def _compensation(actor: Membership, perpetrator: Perpetrator, form: Any) -> None:
    data = form.cleaned_data
    judgment = selectors.access_judgment(perpetrator=perpetrator, judgment_id=data["judgment"])
    victim = perpetrator.proceeding.cases.filter(pk=data["victim"]).first()
    if victim is None:
        raise Http404
    services.compensation_record(
        actor=actor,
        judgment=judgment,
        details=services.CompensationDetails(
            victim=victim, awarded=data["awarded"], paid=data["paid"], paid_on=data["paid_on"]
        ),
    )


STEPS: dict[str, Callable[[Membership, Perpetrator, Any], None]] = {
    "edit": _edit,
    "charge": _charge,
    "judgment": _judgment,
    "compensation": _compensation,
}


@member_required
@require_POST
def perpetrator_step(
    request: HttpRequest, proceeding_id: str, perpetrator_id: str, step: str
) -> HttpResponse:
    actor = _actor(request)
    proceeding: Proceeding = selectors.access_proceeding(
        actor=actor, proceeding_id=proceeding_id, purpose="record_outcome"
    )
    perpetrator = selectors.access_perpetrator(
        actor=actor, proceeding=proceeding, perpetrator_id=perpetrator_id
    )
    if step not in STEPS:
        raise Http404
    forms = _forms(actor, perpetrator)
    form = _forms(actor, perpetrator, request.POST)[step]
    forms[step] = form
    if form.is_valid():
        try:
            STEPS[step](actor, perpetrator, form)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect(
                "justice:perpetrator", proceeding_id=proceeding.pk, perpetrator_id=perpetrator.pk
            )
    return _page(request, actor, perpetrator, forms, status=400)
