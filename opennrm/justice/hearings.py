"""Reads of hearings and protection measures for the victim's side: the upcoming hearings on
the home pages of the victim's case manager and lawyer and in their daily e-mail (reference
codes only), and the pseudonyms under which concealed persons appear to the justice roles."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opennrm.accounts.models import Membership
from opennrm.core import text
from opennrm.core.calendar import add_working_days, working_days_between
from opennrm.core.panels import DigestSection, Panel
from opennrm.core.permissions import Permission
from opennrm.justice.models import Hearing, Proceeding, ProceedingCase, ProtectionMeasure
from opennrm.justice.selectors import proceedings_visible_to
from opennrm.justice.vocabularies import MeasureKind, MeasureState


def pseudonyms(proceeding: Proceeding) -> dict[Any, str]:
    """Linked victims under a granted identity concealment, and their pseudonym."""
    return dict(
        ProtectionMeasure.objects.filter(
            proceeding=proceeding,
            kind=MeasureKind.IDENTITY_CONCEALMENT,
            state=MeasureState.GRANTED,
        ).values_list("victim_id", "pseudonym")
    )


def victim_label(actor: Membership, link: ProceedingCase, hidden: dict[Any, str]) -> str:
    """How the actor reads the victim's name: a justice role reads the pseudonym of a
    concealed person; the person's own lawyer reads the name."""
    if link.pk in hidden and actor.can(Permission.VIEW_PROCEEDINGS):
        return hidden[link.pk]
    person = link.case.person
    return person.display_name_latin or person.display_name_arabic or person.reference_code


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def hearings_for_victims_side(actor: Membership) -> QuerySet[Hearing]:
    """Hearings concerning the actor's clients: the cases its organisation owns (case
    workers) or the victims it gives legal aid to (lawyers)."""
    condition = Q()
    if actor.can(Permission.EDIT_CASE):
        condition |= Q(victims__victim__case__owner_organisation_id=actor.organisation_id)
    if actor.can(Permission.VIEW_CLIENT_PROCEEDINGS):
        condition |= Q(victims__victim__legal_aid_organisation_id=actor.organisation_id)
    if not condition:
        return Hearing.objects.none()
    return Hearing.objects.filter(condition, cancelled=False).distinct()


def upcoming_hearings(
    actor: Membership, *, until: date, today: date | None = None
) -> list[Hearing]:
    today = today or timezone.localdate()
    return list(
        hearings_for_victims_side(actor)
        .filter(
            scheduled_at__gte=_start_of(today), scheduled_at__lt=_start_of(until + timedelta(1))
        )
        .select_related("proceeding", "court")
        .prefetch_related("victims__victim__case")
        .order_by("scheduled_at")[:50]
    )


def _client_cases(actor: Membership, hearing: Hearing) -> list[str]:
    return sorted(
        {
            entry.victim.case.reference_code
            for entry in hearing.victims.all()
            if actor.organisation_id
            in {entry.victim.case.owner_organisation_id, entry.victim.legal_aid_organisation_id}
        }
    )


def hearing_home_panel(actor: Membership) -> Panel | None:
    today = timezone.localdate()
    hearings = upcoming_hearings(
        actor, until=today + timedelta(settings.OPENNRM_HEARINGS_SHOWN_DAYS), today=today
    )
    if not hearings:
        return None
    rows = [
        {
            "hearing": h,
            "cases": _client_cases(actor, h),
            "working_days": working_days_between(today, timezone.localdate(h.scheduled_at)),
        }
        for h in hearings
    ]
    return Panel(template="justice/_home_hearings.html", context={"rows": rows})


def hearing_digest_section(actor: Membership, today: date) -> DigestSection | None:
    until = add_working_days(today, settings.OPENNRM_HEARING_NOTICE_WORKING_DAYS)
    hearings = upcoming_hearings(actor, until=until, today=today)
    if not hearings:
        return None
    return DigestSection(
        title=_("Hearings in the coming working days"),
        lines=[
            _("%(when)s: criminal proceeding %(proceeding)s, case %(cases)s")
            % {
                "when": formats.date_format(
                    timezone.localtime(h.scheduled_at), "SHORT_DATETIME_FORMAT"
                ),
                "proceeding": h.proceeding.reference_code,
                "cases": text.joined(_client_cases(actor, h)),
            }
            for h in hearings
        ],
    )


# The agenda shows hearings this many days back (to record attendance) and ahead.
AGENDA_DAYS_BACK = 14
AGENDA_DAYS_AHEAD = 90


def hearing_agenda(
    actor: Membership, today: date | None = None
) -> list[tuple[date, list[dict[str, Any]]]]:
    """Hearings by day, for the justice roles (the proceedings they see) and for the victim's
    side (their clients' hearings): reference codes, court and purpose only."""
    today = today or timezone.localdate()
    start = _start_of(today - timedelta(AGENDA_DAYS_BACK))
    end = _start_of(today + timedelta(AGENDA_DAYS_AHEAD + 1))
    hearings = (
        Hearing.objects.filter(
            Q(proceeding__in=proceedings_visible_to(actor))
            | Q(pk__in=hearings_for_victims_side(actor).values("pk"))
        )
        .filter(scheduled_at__gte=start, scheduled_at__lt=end)
        .select_related("proceeding", "court")
        .prefetch_related("victims__victim__case")
        .order_by("scheduled_at")[:500]
    )
    days: dict[date, list[dict[str, Any]]] = {}
    for hearing in hearings:
        day = timezone.localdate(hearing.scheduled_at)
        days.setdefault(day, []).append(
            {
                "hearing": hearing,
                "cases": _client_cases(actor, hearing),
                "past": day < today,
            }
        )
    return sorted(days.items())
