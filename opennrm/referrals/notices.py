"""Who hears about a referral's change, and what they are told: in-app notices (with an e-mail
copy) for organisations in OpenNRM, a plain e-mail for a recipient without an account. Texts
name reference codes and organisations only, never the person."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opennrm.accounts.models import Membership, Organisation, User
from opennrm.accounts.notifications import Notice, label, members_with, moment, notify
from opennrm.core.permissions import Permission
from opennrm.referrals.models import Referral, Transfer
from opennrm.referrals.vocabularies import ReferralOutcome, ReferralState, TransferState

logger = logging.getLogger(__name__)
S = ReferralState
T = TransferState


def sender_side_users(referral: Referral) -> list[User]:
    """The person who sent it and the case worker; if neither can still act, the supervisors."""
    senders = members_with(referral.sender_organisation_id, Permission.SEND_REFERRAL)
    wanted = {referral.sent_by_id, referral.case.case_owner_id}
    chosen = [u for u in senders if u.pk in wanted]
    return chosen or members_with(referral.sender_organisation_id, Permission.SUPERVISE_REFERRALS)


def recipient_side_users(referral: Referral) -> list[User]:
    if referral.recipient_organisation_id is None:
        return []
    return members_with(referral.recipient_organisation_id, Permission.RESPOND_TO_REFERRAL)


def _url(referral: Referral) -> str:
    return reverse("referrals:referral", kwargs={"referral_id": referral.pk})


def _to_sender(referral: Referral, message: Notice) -> None:
    notify(
        users=sender_side_users(referral),
        organisation=referral.sender_organisation,
        message=message,
        url=_url(referral),
    )


def _to_recipient(referral: Referral, message: Notice) -> None:
    if referral.recipient_organisation is not None:
        notify(
            users=recipient_side_users(referral),
            organisation=referral.recipient_organisation,
            message=message,
            url=_url(referral),
        )
    elif referral.external_recipient_email:
        email = referral.external_recipient_email
        text = message.render()
        transaction.on_commit(lambda: _mail_external(email, text))


def _mail_external(address: str, text: str) -> None:
    try:
        send_mail(_("OpenNRM referral") + ": " + text[:150], text, None, [address])
    except OSError:
        logger.exception("referral e-mail to an external recipient failed")


def referral_changed(referral: Referral, *, actor: Membership | None) -> None:
    ref = referral.reference_code
    sender = str(referral.sender_organisation)
    recipient = referral.recipient_label
    state = referral.state
    if state == S.SENT:
        text = (
            gettext_noop("Urgent referral %(ref)s from %(org)s: answer by %(due)s.")
            if referral.urgent
            else gettext_noop("New referral %(ref)s from %(org)s: answer by %(due)s.")
        )
        if referral.recipient_organisation is not None:
            _to_recipient(
                referral,
                Notice(text, {"ref": ref, "org": sender, "due": moment(referral.response_due_at)}),
            )
    elif state == S.ACCEPTED:
        _to_sender(
            referral,
            Notice(
                gettext_noop("Referral %(ref)s was accepted by %(org)s."),
                {"ref": ref, "org": recipient},
            ),
        )
    elif state == S.DECLINED:
        _to_sender(
            referral,
            Notice(
                gettext_noop("Referral %(ref)s was declined by %(org)s."),
                {"ref": ref, "org": recipient},
            ),
        )
    elif state == S.EXPIRED:
        _to_sender(
            referral,
            Notice(
                gettext_noop("Referral %(ref)s expired without an answer from %(org)s."),
                {"ref": ref, "org": recipient},
            ),
        )
        _to_recipient(
            referral,
            Notice(gettext_noop("Referral %(ref)s expired before it was answered."), {"ref": ref}),
        )
    elif state == S.IN_SERVICE:
        _to_sender(
            referral,
            Notice(
                gettext_noop("%(org)s started the service for referral %(ref)s."),
                {"ref": ref, "org": recipient},
            ),
        )
    elif state == S.COMPLETED:
        _to_sender(
            referral,
            Notice(
                gettext_noop("Referral %(ref)s is completed: %(outcome)s."),
                {
                    "ref": ref,
                    "outcome": label(dict(ReferralOutcome.choices).get(referral.outcome, "—")),
                },
            ),
        )
    elif state == S.REVOKED:
        _to_recipient(
            referral,
            Notice(
                gettext_noop("Referral %(ref)s was revoked by %(org)s."),
                {"ref": ref, "org": sender},
            ),
        )
    elif state == S.CANCELLED:
        _to_recipient(
            referral,
            Notice(
                gettext_noop("Referral %(ref)s is cancelled: the person withdrew consent."),
                {"ref": ref},
            ),
        )


def referral_message(referral: Referral, *, actor: Membership) -> None:
    message = Notice(
        gettext_noop("New information on referral %(ref)s from %(org)s."),
        {"ref": referral.reference_code, "org": str(actor.organisation)},
    )
    if actor.organisation_id == referral.sender_organisation_id:
        _to_recipient(referral, message)
    else:
        _to_sender(referral, message)


def _transfer_url(transfer: Transfer) -> str:
    return reverse("referrals:transfer", kwargs={"transfer_id": transfer.pk})


def _notify_org(organisation: Organisation | None, transfer: Transfer, message: Notice) -> None:
    if organisation is None:
        return
    permission = (
        Permission.REQUEST_TRANSFER
        if organisation.pk == transfer.requesting_organisation_id
        and organisation.pk not in {transfer.from_organisation_id, transfer.to_organisation_id}
        else Permission.TRANSFER_CASE
    )
    notify(
        users=members_with(organisation.pk, permission),
        organisation=organisation,
        message=message,
        url=_transfer_url(transfer),
    )


def transfer_changed(transfer: Transfer) -> None:
    ref = transfer.reference_code
    case_ref = transfer.case.reference_code
    owner = transfer.from_organisation
    recipient = transfer.to_organisation
    requester = transfer.requesting_organisation
    state = transfer.state
    if state == T.REQUESTED:
        _notify_org(
            owner,
            transfer,
            Notice(
                gettext_noop(
                    "The national coordinator asks you to transfer case %(case)s to %(org)s "
                    "(transfer %(ref)s)."
                ),
                {"case": case_ref, "org": str(recipient), "ref": ref},
            ),
        )
    elif state == T.PROPOSED:
        _notify_org(
            recipient,
            transfer,
            Notice(
                gettext_noop("%(org)s proposes to transfer a case to you (transfer %(ref)s)."),
                {"org": str(owner), "ref": ref},
            ),
        )
        _notify_org(
            requester,
            transfer,
            Notice(
                gettext_noop("%(org)s agreed to transfer %(ref)s."), {"org": str(owner), "ref": ref}
            ),
        )
    elif state in {T.ACCEPTED, T.DECLINED}:
        answered = Notice(
            gettext_noop("%(org)s accepted transfer %(ref)s and is now responsible for %(case)s.")
            if state == T.ACCEPTED
            else gettext_noop("%(org)s declined transfer %(ref)s of case %(case)s."),
            {"org": str(recipient), "ref": ref, "case": case_ref},
        )
        _notify_org(owner, transfer, answered)
        _notify_org(requester, transfer, answered)
    elif state == T.REFUSED:
        _notify_org(
            requester,
            transfer,
            Notice(
                gettext_noop("%(org)s refused transfer %(ref)s."), {"org": str(owner), "ref": ref}
            ),
        )
    elif state in {T.WITHDRAWN, T.CANCELLED}:
        withdrawn = Notice(
            gettext_noop("Transfer %(ref)s was cancelled: the consent it relied on was withdrawn.")
            if state == T.CANCELLED
            else gettext_noop("Transfer %(ref)s was withdrawn."),
            {"ref": ref},
        )
        for organisation in {owner, recipient, requester} - {None}:
            _notify_org(organisation, transfer, withdrawn)
