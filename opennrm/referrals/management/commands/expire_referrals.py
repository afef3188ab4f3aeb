from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opennrm.referrals.services import referrals_expire_overdue


class Command(BaseCommand):
    help = (
        "Expire the referrals not answered by their deadline now (the scheduler does it every "
        "five minutes)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{referrals_expire_overdue()} referral(s) expired.")
