"""National reports asked for from the statistics section, made in the background."""

import pytest

from opennrm.core.models import AuditEvent
from opennrm.stats.models import ReportJob, ReportState
from opennrm.stats.services import report_generate, report_request

pytestmark = pytest.mark.django_db


def test_a_report_is_asked_for_made_in_the_background_and_downloaded(
    client, login, member_of, django_capture_on_commit_callbacks, monkeypatch
):
    made = []
    monkeypatch.setattr("opennrm.stats.services._enqueue", made.append)
    coordinator = member_of("coordinator")
    login(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            "/stats/reports/", {"year": 2025, "language": "ar", "edition": "public"}
        )
    job = ReportJob.objects.get()
    assert asked.status_code == 302 and asked["Location"] == f"/stats/reports/{job.pk}/"
    assert made == [job.pk]  # handed to the task queue once committed
    waiting = client.get(f"/stats/reports/{job.pk}/")
    assert 'http-equiv="refresh"' in waiting.content.decode()
    assert client.get(f"/stats/reports/{job.pk}/pdf").status_code == 302  # not ready yet
    report_generate(job.pk)
    job.refresh_from_db()
    assert job.state == ReportState.DONE and job.progress == 100
    pdf = client.get(f"/stats/reports/{job.pk}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="statistics.report_downloaded").count() == 1
    # Someone else's report is not found, even for another coordinator.
    login(client, member_of("coordinator"))
    assert client.get(f"/stats/reports/{job.pk}/").status_code == 404
    assert client.get(f"/stats/reports/{job.pk}/pdf").status_code == 404


def test_only_national_readers_ask_and_bad_requests_are_explained(client, login, member_of):
    login(client, member_of("case_manager"))
    assert client.get("/stats/reports/").status_code == 403
    login(client, member_of("donor_viewer"))
    assert client.get("/stats/reports/").status_code == 200
    bad = client.post("/stats/reports/", {"year": 1999, "language": "xx", "edition": "internal"})
    assert bad.status_code == 400
    assert not ReportJob.objects.exists()


def test_a_failed_report_says_so(member_of, monkeypatch):
    job = report_request(
        actor=member_of("coordinator"), year=2025, language="fr", edition="internal"
    )

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("opennrm.stats.report.render_pdf", broken)
    with pytest.raises(RuntimeError):
        report_generate(job.pk)
    job.refresh_from_db()
    assert job.state == ReportState.FAILED and "disk is full" in job.error
    assert job.pdf is None


def test_the_tip_questions_are_answered_on_one_page(client, login, member_of, case_manager):
    from datetime import date

    from opennrm.cases.tests.factories import open_case

    for _ in range(6):
        open_case(case_manager, identified_on=date(2025, 3, 1))
    login(client, member_of("donor_viewer"))
    page = client.get("/stats/tip/?year=2025")
    assert page.status_code == 200
    keys = [a.key for a in page.context["totals"]]
    assert keys[:3] == ["presumed_victims", "identified_victims", "persons_referred"]
    assert "non_punishment" in keys
    assert AuditEvent.objects.filter(action="statistics.viewed.tip").exists()
    assert client.get("/stats/tip/?year=1900").status_code == 400
    login(client, member_of("case_manager"))
    assert client.get("/stats/tip/").status_code == 403
