"""From the victim's case page: non-punishment, residence and participation. Participation is
also recorded from the proceeding's page by the authority in charge and the victim's lawyer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases.models import Case
from opennrm.cases.selectors import access_case
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.ids import as_uuid
from opennrm.core.permissions import Permission
from opennrm.justice import selectors, services
from opennrm.justice.models import ProceedingCase
from opennrm.justice.rights_forms import (
    NonPunishmentForm,
    ParticipationForm,
    ResidenceDecisionForm,
    ResidenceRequestForm,
)


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


def _owned_case(request: HttpRequest, case_id: str) -> tuple[Membership, Case]:
    actor = _actor(request)
    if not actor.can(Permission.EDIT_CASE):
        raise PermissionDenied
    return actor, access_case(actor=actor, case_id=case_id, purpose="justice_rights")


def _done(request: HttpRequest, case: Case) -> HttpResponse:
    messages.success(request, _("Recorded."))
    return redirect("cases:detail", case_id=case.pk)


@member_required
def non_punishment(request: HttpRequest, case_id: str, record_id: str = "") -> HttpResponse:
    actor, case = _owned_case(request, case_id)
    record = None
    if record_id:
        pk = as_uuid(record_id)
        record = case.non_punishments.filter(pk=pk).first() if pk is not None else None
        if record is None:
            raise Http404
    form = NonPunishmentForm(
        request.POST or None, initial=NonPunishmentForm.initial_of(record) if record else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.non_punishment_record(
                actor=actor, case=case, details=form.details(), record=record
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return _done(request, case)
    return render(
        request,
        "justice/case_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Penalised for an act trafficking made them commit"),
            "intro": _(
                "Law 27-14 provides that a victim is not punished for unlawful acts committed "
                "under the coercion of trafficking. Record what happened and the request to "
                "apply the provision; the figures feed the national report."
            ),
        },
    )


@member_required
def residence(request: HttpRequest, case_id: str, record_id: str = "") -> HttpResponse:
    actor, case = _owned_case(request, case_id)
    if record_id:
        pk = as_uuid(record_id)
        record = case.residence_decisions.filter(pk=pk).first() if pk is not None else None
        if record is None:
            raise Http404
        decide = ResidenceDecisionForm(request.POST or None)
        if request.method == "POST" and decide.is_valid():
            data = decide.cleaned_data
            try:
                services.residence_decide(
                    actor=actor,
                    record=record,
                    decision=data["decision"],
                    decided_on=data["decided_on"],
                    authority=data["authority"],
                    valid_until=data["valid_until"],
                )
            except ApplicationError as exc:
                add_application_error(decide, exc)
            else:
                return _done(request, case)
        return render(
            request,
            "justice/case_form.html",
            {"form": decide, "case": case, "title": record.get_kind_display()},
        )
    form = ResidenceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.residence_request(
                actor=actor,
                case=case,
                kind=form.cleaned_data["kind"],
                requested_on=form.cleaned_data["requested_on"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            return _done(request, case)
    return render(
        request,
        "justice/case_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Residence of a foreign victim"),
            "intro": _(
                "A foreign victim may stay in the country until the end of the proceedings, or "
                "return voluntarily and safely (the return is planned from the case page)."
            ),
        },
    )


def _participation(
    request: HttpRequest, actor: Membership, link: ProceedingCase, back: str
) -> HttpResponse:
    record = getattr(link, "participation", None)
    form = ParticipationForm(request.POST or None, initial=ParticipationForm.initial_of(record))
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_record(actor=actor, link=link, details=form.details())
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect(back)
    return render(
        request,
        "justice/case_form.html",
        {"form": form, "title": _("Taking part in the proceedings"), "back": back},
    )


@member_required
def case_participation(request: HttpRequest, case_id: str, link_id: str) -> HttpResponse:
    actor, case = _owned_case(request, case_id)
    pk = as_uuid(link_id)
    link = case.proceedings.filter(pk=pk).first() if pk is not None else None
    if link is None:
        raise Http404
    return _participation(
        request, actor, link, reverse("cases:detail", kwargs={"case_id": case.pk})
    )


@member_required
def proceeding_participation(
    request: HttpRequest, proceeding_id: str, link_id: str
) -> HttpResponse:
    actor = _actor(request)
    proceeding = selectors.access_proceeding(actor=actor, proceeding_id=proceeding_id)
    pk = as_uuid(link_id)
    link = (
        selectors.victims_shown_to(actor, proceeding).filter(pk=pk).first()
        if pk is not None
        else None
    )
    lawyer = link is not None and link.legal_aid_organisation_id == actor.organisation_id
    if link is None or not (lawyer or selectors.can_record(actor, proceeding)):
        raise Http404
    return _participation(
        request,
        actor,
        link,
        reverse("justice:proceeding", kwargs={"proceeding_id": proceeding.pk}),
    )
