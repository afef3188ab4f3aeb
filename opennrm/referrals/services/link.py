"""One-time links for recipients without an account (a clinic, a foreign NGO).

The sender issues a link and a code; the link may be e-mailed, the code goes by another channel
(read out on the phone). Only hashes are stored. The link opens once, in one browser session,
for a limited time; wrong codes lock it; every opening, view and answer is audited."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission
from opennrm.referrals.models import Referral, ReferralLink
from opennrm.referrals.services.referral import _move
from opennrm.referrals.vocabularies import DeclineReason, ReferralState

CODE_DIGITS = 8


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _code_hash(token: str, code: str) -> str:
    # Keyed by the token, so a code hash alone says nothing and cannot be precomputed.
    return hmac.new(token.encode(), code.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class IssuedLink:
    link: ReferralLink
    url: str
    code: str


def _audit(link: ReferralLink, action: str, actor: Membership | None, **details: object) -> None:
    audit_record(
        action=action,
        actor=actor,
        object_type="referral",
        object_id=link.referral_id,
        subject_organisation_id=link.referral.case.owner_organisation_id,
        details={"link_id": str(link.pk), **details},
    )


def referral_link_issue(*, actor: Membership, referral: Referral) -> IssuedLink:
    """Issue a new link (any earlier unused one stops working). The code is returned once and
    never stored in clear."""
    if not actor.can(Permission.SEND_REFERRAL) or (
        referral.sender_organisation_id != actor.organisation_id
    ):
        raise PermissionDenied(_("Your role does not allow this."))
    if not referral.is_external:
        raise ApplicationError(_("This recipient has an account: it answers in OpenNRM."))
    if referral.state != ReferralState.SENT:
        raise ApplicationError(_("Only a referral awaiting an answer can be sent as a link."))
    token = secrets.token_urlsafe(32)
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    now = timezone.now()
    expires_at = min(
        now + timedelta(hours=settings.OPENNRM_REFERRAL_LINK_HOURS), referral.response_due_at
    )
    with transaction.atomic():
        ReferralLink.objects.filter(
            referral=referral, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now, updated_at=now)
        link = ReferralLink.objects.create(
            referral=referral,
            token_hash=_token_hash(token),
            code_hash=_code_hash(token, code),
            expires_at=expires_at,
            created_by=actor.user,
        )
        _audit(link, "referral.link_issued", actor, expires_at=expires_at.isoformat())
        url = settings.OPENNRM_BASE_URL.rstrip("/") + reverse(
            "referrals:link_open", kwargs={"token": token}
        )
        if referral.external_recipient_email:
            address = referral.external_recipient_email
            body = _(
                "%(org)s refers a person to you (referral %(ref)s). Open this link to see what "
                "you need to know and to accept or decline. You will be given a code separately "
                "(by phone): the link does not work without it. It works once, until %(until)s."
            ) % {
                "org": referral.sender_organisation,
                "ref": referral.reference_code,
                "until": formats.date_format(timezone.localtime(expires_at), "DATETIME_FORMAT"),
            }
            transaction.on_commit(
                lambda: send_mail(
                    _("OpenNRM referral %(ref)s") % {"ref": referral.reference_code},
                    f"{body}\n\n{url}",
                    None,
                    [address],
                )
            )
    return IssuedLink(link=link, url=url, code=code)


def find_link(token: str) -> ReferralLink | None:
    return (
        ReferralLink.objects.select_related(
            "referral__case__person", "referral__sender_organisation", "referral__sent_by"
        )
        .filter(token_hash=_token_hash(token))
        .first()
    )


def link_usable(link: ReferralLink, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        link.revoked_at is None
        and link.used_at is None
        and now < link.expires_at
        and link.failed_attempts < settings.OPENNRM_REFERRAL_LINK_MAX_ATTEMPTS
        and link.referral.state == ReferralState.SENT
    )


LINK_UNUSABLE = gettext_lazy(
    "This link no longer works: it was used, has expired, was replaced or was locked. "
    "Ask the organisation that referred the person for a new one."
)


def referral_link_open(*, token: str, code: str, now: datetime | None = None) -> ReferralLink:
    """Check the code and open the link, once. A wrong code counts towards the lock."""
    now = now or timezone.now()
    link = find_link(token)
    if link is None:
        raise ApplicationError(str(LINK_UNUSABLE))
    if not link_usable(link, now) or link.opened_at is not None:
        with transaction.atomic():
            _audit(link, "referral.link_refused", None, reason="unusable")
        raise ApplicationError(str(LINK_UNUSABLE))
    if not hmac.compare_digest(link.code_hash, _code_hash(token, code.strip())):
        with transaction.atomic():
            ReferralLink.objects.filter(pk=link.pk).update(
                failed_attempts=link.failed_attempts + 1, updated_at=now
            )
            _audit(link, "referral.link_refused", None, reason="wrong_code")
        raise ApplicationError(_("This code is not right."), field="code")
    with transaction.atomic():
        opened = ReferralLink.objects.filter(pk=link.pk, opened_at__isnull=True).update(
            opened_at=now, updated_at=now
        )
        if not opened:
            raise ApplicationError(str(LINK_UNUSABLE))
        link.opened_at = now
        _audit(link, "referral.link_opened", None)
    return link


def link_session_valid(link: ReferralLink, now: datetime | None = None) -> bool:
    """An opened link stays usable in the browser that opened it for a limited time."""
    now = now or timezone.now()
    return (
        link.opened_at is not None
        and link_usable(link, now)
        and now < link.opened_at + timedelta(minutes=settings.OPENNRM_REFERRAL_LINK_SESSION_MINUTES)
    )


def referral_link_viewed(*, link: ReferralLink) -> None:
    with transaction.atomic():
        _audit(link, "referral.link_viewed", None)


def referral_link_answer(
    *, link: ReferralLink, accept: bool, responder: str, reason: str = ""
) -> Referral:
    """The recipient accepts or declines through the link; the link is then used up."""
    now = timezone.now()
    if not link_session_valid(link, now):
        raise ApplicationError(str(LINK_UNUSABLE))
    if not responder.strip():
        raise ApplicationError(
            _("Give your name and role, so the sender knows who answered."), field="responder"
        )
    if not accept and not reason.strip():
        raise ApplicationError(
            _("Say why you decline: the sender needs it to refer elsewhere."), field="reason"
        )
    referral = link.referral
    signed = _("Answered through a one-time link by %(who)s.") % {"who": responder.strip()[:200]}
    with transaction.atomic():
        used = ReferralLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
            used_at=now, updated_at=now
        )
        if not used:
            raise ApplicationError(str(LINK_UNUSABLE))
        if accept:
            outcome_due = referral.outcome_due_on or (
                timezone.localtime(now).date()
                + timedelta(days=settings.OPENNRM_REFERRAL_OUTCOME_DAYS)
            )
            referral = _move(
                referral,
                ReferralState.ACCEPTED,
                actor=None,
                action="referral.accepted",
                text=signed,
                now=now,
                responded_at=now,
                outcome_due_on=outcome_due,
            )
        else:
            referral = _move(
                referral,
                ReferralState.DECLINED,
                actor=None,
                action="referral.declined",
                text=f"{signed}\n{reason.strip()}",
                now=now,
                responded_at=now,
                decline_reason=reason.strip(),
                decline_code=DeclineReason.OTHER,
            )
    return referral
