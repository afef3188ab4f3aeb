from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opennrm.core.audit import audit_verify
from opennrm.core.models import AuditChainHead


class Command(BaseCommand):
    help = "Verify the audit log's HMAC chain; exit 1 naming the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify()
        if not report.intact:
            self.stderr.write(
                f"Audit chain BROKEN at event #{report.first_broken_seq}: {report.reason}. "
                f"{report.checked} event(s) before it verified."
            )
            raise SystemExit(1)
        head = AuditChainHead.objects.filter(pk=1).first()
        self.stdout.write(
            f"Audit chain intact: {report.checked} event(s) verified. "
            f"Head: #{head.last_seq if head else 0} {head.last_hmac if head else ''}"
        )
