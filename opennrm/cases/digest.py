"""The daily e-mail of identification deadlines: overdue and due-soon decisions and recovery
periods, sent to every coordinator and case manager who has some. Reference codes only: no name
or other identifying value ever goes into an e-mail."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.accounts.roles import Role
from opennrm.cases.deadlines import deadlines_for
from opennrm.core.audit import audit_record
from opennrm.core.panels import digest_sections

# Victims' lawyers receive the sections other apps add (their clients' hearings).
DIGEST_ROLES = (Role.COORDINATOR, Role.CASE_MANAGER, Role.SUPERVISOR, Role.VICTIMS_LAWYER)


def send_deadline_digests(*, today: date | None = None) -> int:
    """Send one e-mail per user and membership with deadlines; return how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    memberships = (
        Membership.objects.filter(
            role__in=DIGEST_ROLES,
            is_active=True,
            organisation__is_active=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "organisation")
    )
    for membership in memberships:
        deadlines = deadlines_for(actor=membership, today=today)
        sections = digest_sections(membership, today)
        if not deadlines.any and not sections:
            continue
        with translation.override(membership.user.preferred_language):
            subject = _("OpenNRM: identification deadlines for %(org)s") % {
                "org": membership.organisation
            }
            body = render_to_string(
                "cases/deadline_digest.txt",
                {
                    "membership": membership,
                    "deadlines": deadlines,
                    "sections": sections,
                    "today": today,
                },
            )
        with transaction.atomic():
            audit_record(
                action="deadlines.digest_sent",
                actor=membership,
                object_type="user",
                object_id=membership.user_id,
                details={
                    "overdue": len(deadlines.overdue),
                    "due_soon": len(deadlines.due_soon),
                    "periods_ending": len(deadlines.periods_ending),
                    "periods_ended": len(deadlines.periods_ended),
                    "other": {section.title: len(section.lines) for section in sections},
                },
            )
        send_mail(subject, body, None, [membership.user.email])
        sent += 1
    return sent
