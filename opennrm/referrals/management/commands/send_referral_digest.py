from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opennrm.referrals.digest import send_referral_digests


class Command(BaseCommand):
    help = (
        "Send the referrals e-mail now (the scheduler sends it daily, five minutes after the "
        "deadlines e-mail)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_referral_digests()} e-mail(s) sent.")
