import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from opennrm.accounts.models import Notification
from opennrm.cases.models import Case, CaseAccessGrant
from opennrm.cases.selectors import access_case, cases_visible_to
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.referrals.models import Referral
from opennrm.referrals.selectors import access_transfer
from opennrm.referrals.services import (
    transfer_accept,
    transfer_agree,
    transfer_decline,
    transfer_propose,
    transfer_refuse,
    transfer_request,
    transfer_withdraw,
)
from opennrm.referrals.tests.factories import referral_consent, send_referral
from opennrm.referrals.vocabularies import ReferralState, TransferState

pytestmark = pytest.mark.django_db


@pytest.fixture
def iom(member_of):
    return member_of("case_manager")


@pytest.fixture
def case(case_manager, iom):
    case = open_case(case_manager)
    referral_consent(case_manager, case, iom.organisation)
    return case


@pytest.fixture
def proposed(case_manager, case, iom):
    return _propose(case_manager, case, iom)


def _propose(case_manager, case, iom, **kwargs):
    return transfer_propose(
        actor=case_manager,
        case=case,
        to_organisation=iom.organisation,
        reason="Return to Senegal: IOM takes over.",
        **kwargs,
    )


def test_accepted_transfer_moves_the_case_and_its_open_referrals(
    case_manager, case, iom, member_of
):
    shelter = member_of("service_provider")
    referral_consent(case_manager, case, shelter.organisation)
    referral = send_referral(case_manager, shelter.organisation, case=case)
    transfer = _propose(case_manager, case, iom)
    assert transfer.state == TransferState.PROPOSED
    assert Notification.objects.filter(user=iom.user).exists()
    transfer_accept(actor=iom, transfer=transfer)
    case.refresh_from_db()
    assert case.owner_organisation_id == iom.organisation_id
    assert case.case_owner_id == iom.user_id
    referral.refresh_from_db()
    assert referral.sender_organisation_id == iom.organisation_id
    assert referral.state == ReferralState.SENT
    assert AuditEvent.objects.filter(action="case.transferred", object_id=str(case.pk)).exists()
    # The former owner kept no access: the case is gone from its lists and pages.
    assert not cases_visible_to(case_manager).filter(pk=case.pk).exists()
    with pytest.raises(Http404):
        access_case(actor=case_manager, case_id=case.pk)
    assert access_case(actor=iom, case_id=case.pk) == case


def test_former_owner_keeps_read_access_only_when_granted(case_manager, case, iom):
    transfer = _propose(case_manager, case, iom, keep_read_access=True)
    transfer_accept(actor=iom, transfer=transfer)
    assert CaseAccessGrant.objects.filter(
        case=case, organisation=case_manager.organisation
    ).exists()
    assert access_case(actor=case_manager, case_id=case.pk).pk == case.pk
    for purpose in ("edit", "add_note", "refer", "transfer", "record_consent"):
        with pytest.raises(Http404):
            access_case(actor=case_manager, case_id=case.pk, purpose=purpose)


def test_read_only_case_page_offers_no_action(client, login, case_manager, case, iom):
    transfer_accept(actor=iom, transfer=_propose(case_manager, case, iom, keep_read_access=True))
    login(client, case_manager)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert 'data-testid="read-only"' in page
    assert reverse("cases:edit", kwargs={"case_id": case.pk}) not in page
    assert reverse("referrals:new", kwargs={"case_id": case.pk}) not in page
    response = client.post(reverse("cases:note_add", kwargs={"case_id": case.pk}), {"body": "x"})
    assert response.status_code == 404


def test_transfer_needs_consent_naming_the_recipient(case_manager, iom, member_of):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="No recorded consent"):
        _propose(case_manager, case, iom)
    supervisor = member_of("supervisor", case_manager.organisation)
    transfer = transfer_propose(
        actor=supervisor,
        case=case,
        to_organisation=iom.organisation,
        reason="Urgent return.",
        consent_override_reason="Person unreachable; prosecutor's instruction.",
    )
    assert transfer.consent is None
    event = AuditEvent.objects.get(action="transfer.consent_overridden")
    assert "prosecutor" not in str(event.details) and "reason" not in event.details
    transfer.refresh_from_db()
    assert transfer.consent_override_reason.startswith("Person unreachable")


def test_withdrawing_the_consent_cancels_the_proposed_transfer(case_manager, case, iom):
    from opennrm.cases.services import consent_withdraw

    transfer = _propose(case_manager, case, iom)
    consent_withdraw(actor=case_manager, consent=transfer.consent, note="Changed her mind.")
    transfer.refresh_from_db()
    assert transfer.state == TransferState.CANCELLED
    with pytest.raises(ApplicationError, match="cannot become"):
        transfer_accept(actor=iom, transfer=transfer)
    case.refresh_from_db()
    assert case.owner_organisation_id == case_manager.organisation_id
    assert Notification.objects.filter(user=iom.user, message__contains="cancelled").exists()
    assert AuditEvent.objects.filter(action="transfer.cancelled").exists()


def test_only_the_owner_proposes_and_one_transfer_at_a_time(case_manager, case, iom):
    with pytest.raises(PermissionDenied):
        transfer_propose(actor=iom, case=case, to_organisation=iom.organisation, reason="Take it.")
    with pytest.raises(ApplicationError, match="already responsible"):
        transfer_propose(
            actor=case_manager,
            case=case,
            to_organisation=case_manager.organisation,
            reason="Same.",
        )
    _propose(case_manager, case, iom)
    with pytest.raises(ApplicationError, match="already under way"):
        _propose(case_manager, case, iom)


def test_recipient_declines_with_a_reason_and_nothing_moves(case_manager, case, iom):
    transfer = _propose(case_manager, case, iom)
    with pytest.raises(ApplicationError):
        transfer_decline(actor=iom, transfer=transfer, reason=" ")
    with pytest.raises(PermissionDenied):
        transfer_accept(actor=case_manager, transfer=transfer)
    transfer = transfer_decline(actor=iom, transfer=transfer, reason="No capacity.")
    assert transfer.state == TransferState.DECLINED
    assert Case.objects.get(pk=case.pk).owner_organisation_id == case_manager.organisation_id
    with pytest.raises(ApplicationError, match="cannot become"):
        transfer_accept(actor=iom, transfer=transfer)


def test_coordinator_requests_owner_agrees_recipient_accepts(case_manager, case, iom, member_of):
    coordinator = member_of("coordinator")
    with pytest.raises(ApplicationError, match="No case has this reference"):
        transfer_request(
            actor=coordinator,
            case_reference="C-0000-0000",
            to_organisation=iom.organisation,
            reason="x",
        )
    transfer = transfer_request(
        actor=coordinator,
        case_reference=case.reference_code.lower(),
        to_organisation=iom.organisation,
        reason="IOM runs the return programme.",
    )
    assert transfer.state == TransferState.REQUESTED
    # The proposed recipient learns nothing until the owner agrees.
    with pytest.raises(Http404):
        access_transfer(actor=iom, transfer_id=transfer.pk)
    with pytest.raises(ApplicationError, match="cannot become"):
        transfer_accept(actor=iom, transfer=transfer)
    transfer = transfer_agree(actor=case_manager, transfer=transfer, keep_read_access=True)
    assert transfer.state == TransferState.PROPOSED
    assert access_transfer(actor=iom, transfer_id=transfer.pk) == transfer
    transfer_accept(actor=iom, transfer=transfer)
    assert Notification.objects.filter(user=coordinator.user, message__contains="accepted").exists()
    # The coordinator never gains access to the case itself.
    with pytest.raises(Http404):
        access_case(actor=coordinator, case_id=case.pk)


def test_owner_refuses_a_request(case_manager, case, iom, member_of):
    coordinator = member_of("coordinator")
    transfer = transfer_request(
        actor=coordinator,
        case_reference=case.reference_code,
        to_organisation=iom.organisation,
        reason="Please.",
    )
    with pytest.raises(ApplicationError):
        transfer_refuse(actor=case_manager, transfer=transfer, reason="")
    transfer = transfer_refuse(actor=case_manager, transfer=transfer, reason="She refuses.")
    assert transfer.state == TransferState.REFUSED
    assert Notification.objects.filter(user=coordinator.user, message__contains="refused").exists()


def test_withdraw_by_owner_or_requester_only(case_manager, case, iom):
    transfer = _propose(case_manager, case, iom)
    with pytest.raises(PermissionDenied):
        transfer_withdraw(actor=iom, transfer=transfer)
    transfer = transfer_withdraw(actor=case_manager, transfer=transfer, reason="Not needed.")
    assert transfer.state == TransferState.WITHDRAWN
    assert _propose(case_manager, case, iom).state == TransferState.PROPOSED  # a new one is fine


@pytest.mark.parametrize(
    "role", ["case_manager", "coordinator", "service_provider", "donor_viewer"]
)
def test_outsiders_learn_nothing_of_a_transfer(client, login, member_of, proposed, role):
    transfer, case = proposed, proposed.case
    login(client, member_of(role))
    for suffix in ("", "accept/", "decline/", "withdraw/", "agree/"):
        method = client.get if not suffix else client.post
        real = method(reverse("referrals:transfer", kwargs={"transfer_id": transfer.pk}) + suffix)
        missing = method(
            reverse("referrals:transfer", kwargs={"transfer_id": uuid.uuid4()}) + suffix
        )
        assert real.status_code == missing.status_code == 404
        assert case.reference_code not in real.content.decode()


def test_recipient_sees_a_summary_without_identity_then_the_case(
    client, login, case_manager, case, iom
):
    transfer = _propose(case_manager, case, iom)
    login(client, iom)
    page = client.get(reverse("referrals:transfer", kwargs={"transfer_id": transfer.pk}))
    body = page.content.decode()
    assert 'data-testid="transfer-summary"' in body
    assert "Salma" not in body and "Testaoui" not in body
    response = client.post(
        reverse(
            "referrals:transfer_answer", kwargs={"transfer_id": transfer.pk, "action": "accept"}
        )
    )
    assert response.url == reverse("cases:detail", kwargs={"case_id": case.pk})
    assert "Testaoui" in client.get(response.url).content.decode()
    assert Referral.objects.count() == 0


def test_coordinator_withdraws_its_request(case_manager, case, iom, member_of):
    coordinator = member_of("coordinator")
    transfer = transfer_request(
        actor=coordinator,
        case_reference=case.reference_code,
        to_organisation=iom.organisation,
        reason="Please.",
    )
    with pytest.raises(PermissionDenied):
        transfer_withdraw(actor=member_of("coordinator"), transfer=transfer)
    transfer = transfer_withdraw(actor=coordinator, transfer=transfer, reason="Sorted out.")
    assert transfer.state == TransferState.WITHDRAWN
    assert Notification.objects.filter(user=case_manager.user, message__contains="withdrawn")


@pytest.mark.parametrize("from_state", list(TransferState.values))
@pytest.mark.parametrize("to_state", list(TransferState.values))
def test_the_transfer_transition_table_is_enforced(proposed, case_manager, from_state, to_state):
    from opennrm.referrals.models import Transfer
    from opennrm.referrals.services import ALLOWED_TRANSFER_MOVES
    from opennrm.referrals.services.transfer import _move

    Transfer.objects.filter(pk=proposed.pk).update(state=from_state)
    proposed.refresh_from_db()
    if to_state in ALLOWED_TRANSFER_MOVES.get(from_state, frozenset()):
        assert (
            _move(proposed, to_state, actor=case_manager, action="transfer.test").state == to_state
        )
    else:
        with pytest.raises(ApplicationError, match="cannot become"):
            _move(proposed, to_state, actor=case_manager, action="transfer.test")
