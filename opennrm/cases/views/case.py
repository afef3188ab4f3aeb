from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.cases import selectors, services
from opennrm.cases.case_page import NOTES_SHOWN, case_page_context
from opennrm.cases.forms import (
    CaseEditForm,
    CaseNoteForm,
    CaseOpenForm,
    ConsentForm,
    ConsentWithdrawForm,
    StageForm,
    StatusDecisionForm,
)
from opennrm.cases.models import Case
from opennrm.cases.vocabularies import DecisionKind
from opennrm.core.errors import ApplicationError
from opennrm.core.forms import add_application_error
from opennrm.core.pagination import CappedPaginator
from opennrm.core.permissions import Permission
from opennrm.hotline.selectors import access_contact
from opennrm.hotline.services import contact_link_person
from opennrm.hotline.vocabularies import Outcome
from opennrm.people.forms import IdentityDocumentForm, PersonEditForm
from opennrm.people.services import identity_document_add, person_update


def _actor(request: HttpRequest) -> Membership:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    return actor


def _require(request: HttpRequest, permission: Permission) -> Membership:
    actor = _actor(request)
    if not actor.can(permission):
        raise PermissionDenied
    return actor


@member_required
def case_open(request: HttpRequest) -> HttpResponse:
    actor = _require(request, Permission.CREATE_CASE)
    contact_id = request.POST.get("contact") or request.GET.get("contact")
    contact = (
        access_contact(actor=actor, contact_id=contact_id, purpose="open_case")
        if contact_id
        else None
    )
    initial: dict[str, Any] = {}
    if contact is not None:
        initial = {
            "identification_region": contact.region,
            "languages": [contact.language] if contact.language else [],
            "identified_on": contact.started_at.date(),
        }
    form = CaseOpenForm(request.POST or None, organisation=actor.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=actor,
                person=form.person_details(),
                details=form.case_details(),
                initial_status=form.cleaned_data["initial_status"],
                decision_making_body=form.cleaned_data["decision_making_body"],
                contact=contact,
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference_code})
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_open.html", {"form": form, "contact": contact})


@member_required
@require_POST
def contact_link_case(request: HttpRequest, contact_id: str) -> HttpResponse:
    """Link a hotline contact to the person of an existing case, found like in the case search
    (reference code, exact name in either script, or phone)."""
    actor = _require(request, Permission.VIEW_CASES)
    contact = access_contact(actor=actor, contact_id=contact_id, purpose="link_case")
    term = request.POST.get("reference", "").strip()
    matches = (
        list(
            selectors.case_list(
                actor=actor, filters=selectors.CaseFilters(), search=selectors.search_key(term)
            )[:2]
        )
        if term
        else []
    )
    if len(matches) != 1:
        messages.error(
            request,
            _("No case of yours matches.")
            if not matches
            else _("Several cases match: use the case reference code."),
        )
        return redirect("hotline:contact", contact_id=contact.pk)
    case = matches[0]
    try:
        contact_link_person(
            actor=actor, contact=contact, person=case.person, outcome=Outcome.LINKED_TO_CASE
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("hotline:contact", contact_id=contact.pk)
    messages.success(request, _("Contact linked to case %(ref)s.") % {"ref": case.reference_code})
    return redirect("cases:detail", case_id=case.pk)


@member_required
def case_detail(request: HttpRequest, case_id: str) -> HttpResponse:
    return _case_page(request, case_id, printing=False)


@member_required
def case_print(request: HttpRequest, case_id: str) -> HttpResponse:
    """The case summary to print: no notes, no audit trail, no action; audited as printed."""
    return _case_page(request, case_id, printing=True)


def _case_page(request: HttpRequest, case_id: str, *, printing: bool) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(
        actor=actor, case_id=case_id, purpose="print" if printing else "view"
    )
    return render(
        request, "cases/case_detail.html", case_page_context(actor, case, printing=printing)
    )


@member_required
def case_audit(request: HttpRequest, case_id: str) -> HttpResponse:
    """The whole audit trail of one case and its person, newest first, 50 events a page."""
    actor = _require(request, Permission.VIEW_CASE_AUDIT_TRAIL)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="view")
    events = selectors.case_audit_trail(actor=actor, case=case)
    page = CappedPaginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_audit.html", {"case": case, "page": page})


def _save_case_form(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    save: Callable[[], object],
    success: str,
    template: str = "cases/form_page.html",
    **context: object,
) -> HttpResponse:
    """The shape of every form about one case: validate, call the service, show its refusal on
    the form or go back to the case with a message."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, success)
            return redirect("cases:detail", case_id=case.pk)
    return render(request, template, {"form": form, "case": case, **context})


@member_required
def case_edit(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="edit")
    _require(request, Permission.EDIT_CASE)
    form = CaseEditForm(
        request.POST or None,
        organisation=case.owner_organisation,
        initial=CaseEditForm.initial_case(case),
    )
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: services.case_update(
            actor=actor,
            case=case,
            expected_version=form.cleaned_data["version"],
            details=form.case_details(),
        ),
        success=_("Case saved."),
        template="cases/case_edit.html",
    )


@member_required
def person_edit(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="edit_person")
    _require(request, Permission.EDIT_CASE)
    person = case.person
    initial = {**PersonEditForm.initial_person(person), "version": person.version}
    form = PersonEditForm(request.POST or None, initial=initial)
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: person_update(
            actor=actor,
            person=person,
            expected_version=form.cleaned_data["version"],
            details=form.person_details(),
        ),
        success=_("Personal details saved."),
        template="cases/person_edit.html",
    )


@member_required
def document_add(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="add_document")
    _require(request, Permission.EDIT_CASE)
    form = IdentityDocumentForm(request.POST or None)
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: identity_document_add(actor=actor, person=case.person, **form.cleaned_data),
        success=_("Identity document recorded."),
        title=_("Record an identity document"),
    )


@member_required
@require_POST
def case_change_stage(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="change_stage")
    _require(request, Permission.CHANGE_CASE_STAGE)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.case_change_stage(
                actor=actor,
                case=case,
                expected_version=form.cleaned_data["version"],
                to_stage=form.cleaned_data["to_stage"],
                closure_reason=form.cleaned_data["closure_reason"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Stage changed."))
    else:
        messages.error(request, _("Choose a stage."))
    return redirect("cases:detail", case_id=case.pk)


@member_required
def decision_add(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="record_decision")
    _require(request, Permission.RECORD_STATUS_DECISION)
    form = StatusDecisionForm(request.POST or None)
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: services.status_decision_record(
            actor=actor, case=case, kind=DecisionKind.REVIEW, **form.cleaned_data
        ),
        success=_("Review recorded."),
        title=_("Review the trafficking status"),
    )


@member_required
@require_POST
def note_add(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="add_note")
    _require(request, Permission.ADD_CASE_NOTE)
    form = CaseNoteForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.case_note_add(actor=actor, case=case, body=form.cleaned_data["body"])
        except ApplicationError as exc:
            error = exc.message
    else:
        error = _("The note is empty.")
    if request.htmx:  # type: ignore[attr-defined]
        # Only the notes card is swapped in; the rest of the page stays as the user left it.
        notes = case.notes.select_related("author", "organisation")[:NOTES_SHOWN]
        return render(
            request, "cases/_notes.html", {"case": case, "notes": notes, "note_error": error}
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Note added."))
    return redirect("cases:detail", case_id=case.pk)


@member_required
def consent_add(request: HttpRequest, case_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="record_consent")
    _require(request, Permission.RECORD_CONSENT)
    # Pages that need a consent (e.g. a referral) link here with the purpose and recipient.
    initial = {
        key: request.GET[param]
        for key, param in (("purpose", "purpose"), ("recipient_organisation", "recipient"))
        if request.GET.get(param)
    }
    form = ConsentForm(request.POST or None, initial=initial)
    return _save_case_form(
        request,
        case=case,
        form=form,
        save=lambda: services.consent_record(
            actor=actor, case=case, details=form.consent_details()
        ),
        success=_("Consent recorded."),
        title=_("Record consent"),
    )


@member_required
@require_POST
def consent_withdraw(request: HttpRequest, case_id: str, consent_id: str) -> HttpResponse:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="withdraw_consent")
    _require(request, Permission.RECORD_CONSENT)
    consent = selectors.access_consent(actor=actor, case=case, consent_id=consent_id)
    form = ConsentWithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.consent_withdraw(actor=actor, consent=consent, note=note)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Withdrawal of consent recorded."))
    return redirect("cases:detail", case_id=case.pk)
