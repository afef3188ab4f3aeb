"""Scheduled jobs, run by huey's consumer (`manage.py run_huey`)."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from opennrm.referrals.digest import send_referral_digests
from opennrm.referrals.services import referrals_expire_overdue


@db_periodic_task(crontab(minute="*/5"))  # type: ignore[untyped-decorator]
def expire_unanswered_referrals() -> int:
    """An urgent referral has hours to be answered: check often."""
    return referrals_expire_overdue()


@db_periodic_task(crontab(minute="5", hour=str(settings.OPENNRM_DEADLINE_DIGEST_HOUR)))  # type: ignore[untyped-decorator]
def daily_referral_digest() -> int:
    return send_referral_digests()
