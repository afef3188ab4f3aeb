from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opennrm.cases.digest import send_deadline_digests


class Command(BaseCommand):
    help = (
        "Send the identification-deadline e-mail now (the scheduler sends it daily at "
        "OPENNRM_DEADLINE_DIGEST_HOUR)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_deadline_digests()} e-mail(s) sent.")
