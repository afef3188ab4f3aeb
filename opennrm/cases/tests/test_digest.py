from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from opennrm.cases.digest import send_deadline_digests
from opennrm.cases.services import identification_decision_request
from opennrm.cases.tasks import daily_deadline_digest
from opennrm.cases.tests.factories import open_case
from opennrm.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _overdue_case(actor):
    case = open_case(actor)
    identification_decision_request(
        actor=actor,
        case=case,
        stage="Preliminary",
        requested_on=timezone.localdate() - timedelta(days=20),
    )
    return case


def test_digest_mails_reference_codes_only_in_the_users_language(case_manager, mailoutbox):
    case_manager.user.email = "leila@example.org"
    case_manager.user.preferred_language = "fr"
    case_manager.user.save()
    case = _overdue_case(case_manager)
    assert send_deadline_digests() == 1
    message = mailoutbox[0]
    assert message.to == ["leila@example.org"]
    assert "échéances" in message.subject
    assert case.reference_code in message.body
    assert "Décisions en retard" in message.body
    assert "Testaoui" not in message.body
    assert "612345678" not in message.body
    assert AuditEvent.objects.filter(action="deadlines.digest_sent").count() == 1


def test_no_mail_without_deadlines_or_address(case_manager, mailoutbox):
    case_manager.user.email = "leila@example.org"
    case_manager.user.save()
    open_case(case_manager)
    assert send_deadline_digests() == 0
    case_manager.user.email = ""
    case_manager.user.save()
    _overdue_case(case_manager)
    assert send_deadline_digests() == 0
    assert mailoutbox == []


def test_digest_is_a_daily_scheduled_job_and_a_command(case_manager, mailoutbox, capsys):
    schedule = daily_deadline_digest.task_class().validate_datetime
    assert schedule(timezone.datetime(2026, 11, 30, 6, 0))
    assert not schedule(timezone.datetime(2026, 11, 30, 7, 0))
    case_manager.user.email = "leila@example.org"
    case_manager.user.save()
    _overdue_case(case_manager)
    call_command("send_deadline_digest")
    assert "1 e-mail(s) sent." in capsys.readouterr().out
    assert len(mailoutbox) == 1
