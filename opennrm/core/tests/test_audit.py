import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from opennrm.core.audit import audit_record, audit_verify
from opennrm.core.models import AuditEvent


def _events(n):
    for i in range(n):
        audit_record(action="test.event", object_type="thing", object_id=str(i))


def _drop_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")


@pytest.mark.django_db
def test_audit_chain_verifies_when_untouched():
    _events(5)
    report = audit_verify()
    assert report.intact
    assert report.checked == 5


@pytest.mark.django_db
def test_database_refuses_update_of_audit_event():
    _events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="forged")


@pytest.mark.django_db
def test_database_refuses_delete_of_audit_event():
    _events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()


@pytest.mark.django_db
def test_audit_verify_names_the_edited_event():
    _events(4)
    _drop_triggers()
    AuditEvent.objects.filter(seq=3).update(actor_username="someone-else")
    report = audit_verify()
    assert not report.intact
    assert report.first_broken_seq == 3


@pytest.mark.django_db
def test_audit_verify_detects_a_deleted_event():
    _events(4)
    _drop_triggers()
    AuditEvent.objects.filter(seq=2).delete()
    report = audit_verify()
    assert report.first_broken_seq == 2


@pytest.mark.django_db
def test_audit_verify_detects_events_cut_from_the_end():
    _events(3)
    _drop_triggers()
    AuditEvent.objects.filter(seq=3).delete()
    assert not audit_verify().intact


@pytest.mark.django_db
def test_audit_verify_command_exits_non_zero_naming_event(capsys):
    _events(3)
    _drop_triggers()
    AuditEvent.objects.filter(seq=2).update(details={"changed": True})
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert "#2" in capsys.readouterr().err


@pytest.mark.django_db
def test_audit_verify_command_reports_intact_chain(capsys):
    _events(2)
    call_command("audit_verify")
    assert "2 event(s) verified" in capsys.readouterr().out
