"""The system administrator's backups page: the last backup, its size, whether its restore
test passed, the latest ones, and a button to back up now (in the background)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opennrm.accounts.decorators import member_required
from opennrm.accounts.models import Membership
from opennrm.backups import tasks
from opennrm.backups.selectors import backup_overview
from opennrm.core.permissions import Permission


@member_required
@require_http_methods(["GET", "POST"])
def backups(request: HttpRequest) -> HttpResponse:
    actor: Membership = request.membership  # type: ignore[attr-defined]
    if not actor.can(Permission.ADMINISTER_SYSTEM):
        raise PermissionDenied
    if request.method == "POST":
        tasks.backup_now(str(actor.pk))
        messages.success(
            request, _("A backup is being made. It appears below when it is done (refresh).")
        )
        return redirect("backups:list")
    context = {
        "overview": backup_overview(actor),
        "daily": settings.OPENNRM_BACKUP_KEEP_DAILY,
        "weekly": settings.OPENNRM_BACKUP_KEEP_WEEKLY,
        "monthly": settings.OPENNRM_BACKUP_KEEP_MONTHLY,
    }
    return render(request, "backups/backups.html", context)
