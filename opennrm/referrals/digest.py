"""The daily e-mail of referrals needing attention, on both sides: referrals to answer, answers
overdue, referrals expired without an answer, outcomes overdue. Reference codes and
organisation names only."""

from __future__ import annotations

from datetime import datetime

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core.audit import audit_record
from opennrm.core.permissions import Permission
from opennrm.referrals.selectors import referral_work


def send_referral_digests(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    memberships = (
        Membership.objects.filter(
            is_active=True, organisation__is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "organisation")
    )
    for membership in memberships:
        if not (
            membership.can(Permission.SEND_REFERRAL)
            or membership.can(Permission.RESPOND_TO_REFERRAL)
        ):
            continue
        work = referral_work(membership, now=now)
        if not work.any:
            continue
        with translation.override(membership.user.preferred_language):
            subject = _("OpenNRM: referrals needing attention at %(org)s") % {
                "org": membership.organisation
            }
            body = render_to_string(
                "referrals/referral_digest.txt", {"membership": membership, "work": work}
            )
        with transaction.atomic():
            audit_record(
                action="referrals.digest_sent",
                actor=membership,
                object_type="user",
                object_id=membership.user_id,
                details={
                    "to_answer": len(work.to_answer),
                    "answer_overdue": len(work.awaiting_answer_overdue),
                    "expired": len(work.expired_recently),
                    "outcome_overdue": len(work.incoming_outcome_overdue)
                    + len(work.outgoing_outcome_overdue),
                },
            )
        send_mail(subject, body, None, [membership.user.email])
        sent += 1
    return sent
