"""The batch page: a file linked in the background for its requester alone, its report and
the records left for review, its results deleted when asked or when they expire."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.matching.batch_services import linkage_purge, linkage_request, linkage_run
from opennrm.matching.models import LinkageJob, LinkageState

pytestmark = pytest.mark.django_db

HEADER = "id,given_name,family_name,given_name_ar,family_name_ar,birth_date,sex,citizenship,phone"
# Two namesakes born the same year, each written twice; b (the year only) could be either.
NAMESAKES = (
    f"{HEADER}\n"
    "a1,Mamadou,Diallo,,,1990-05-02,M,SN,+221771234567\n"
    "a2,Mamadou,Jallow,,,1990-05-02,M,SN,+221771234567\n"
    "c1,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
    "c2,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
    "b,Mamadou,Diallo,,,1990,M,SN,\n"
    "z,Awa,Ndiaye,عوا,انجاي,1985-03-04,,,\n"
)


def _send(client, content, name="liste-ong.csv", threshold="0.9", **more):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")
    return client.post("/matching/batch/", {"file": upload, "threshold": threshold, **more})


def test_a_file_is_linked_in_the_background_reported_and_downloaded(
    client, login, member_of, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("opennrm.matching.batch_services._enqueue", queued.append)
    supervisor = member_of("supervisor")
    login(client, supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send(client, NAMESAKES)
    job = LinkageJob.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/matching/batch/{job.pk}/"
    assert queued == [job.pk]  # handed to the task queue once committed
    assert job.source == NAMESAKES and job.file_name == "liste-ong.csv"
    waiting = client.get(f"/matching/batch/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in waiting and "Reading and checking the file" in waiting
    assert client.get(f"/matching/batch/{job.pk}/clusters.csv").status_code == 404

    linkage_run(job.pk)
    job.refresh_from_db()
    assert job.state == LinkageState.DONE
    assert job.source == ""  # the file itself is not kept once linked
    assert job.expires_at > timezone.now() + timedelta(days=6)
    assert job.summary["records"] == 6 and job.summary["arabic_script"] == 1
    assert job.summary["groups"] == 2 and job.summary["ambiguous"] == 1
    page = client.get(f"/matching/batch/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert page.count('data-testid="batch-review-item"') == 1
    assert 'Group <bdi dir="ltr">a1</bdi> (2 records)' in page
    assert "Jallow" in page  # the records of the groups b may belong to are shown
    assert AuditEvent.objects.filter(action="matching.linkage_review_viewed").count() == 1
    download = client.get(f"/matching/batch/{job.pk}/clusters.csv")
    assert download["Content-Type"].startswith("text/csv")
    lines = download.content.decode().splitlines()
    assert lines[0] == "id,cluster_id,match_probability" and len(lines) == 7
    clusters = {line.split(",")[0]: line.split(",")[1] for line in lines[1:]}
    assert clusters["a1"] == clusters["a2"] and clusters["b"] == "b"
    assert AuditEvent.objects.filter(action="matching.linkage_downloaded").count() == 1
    # The stored values are ciphertext: neither the file's name nor a name in the clear.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select file_name, clusters, review from matching_linkagejob")
        stored = " ".join(cursor.fetchone())
    assert "liste-ong" not in stored and "Diallo" not in stored and "a1," not in stored


def test_nobody_else_sees_a_file_not_even_a_colleague(client, login, member_of):
    supervisor = member_of("supervisor")
    job = linkage_request(actor=supervisor, file_name="x.csv", content=NAMESAKES.encode())
    linkage_run(job.pk)
    colleague = member_of("supervisor", supervisor.organisation)
    login(client, colleague)
    for path in ("", "clusters.csv"):
        assert client.get(f"/matching/batch/{job.pk}/{path}").status_code == 404
    assert client.post(f"/matching/batch/{job.pk}/delete/").status_code == 404
    assert "x.csv" not in client.get("/matching/batch/").content.decode()
    login(client, member_of("case_manager", supervisor.organisation))
    assert client.get("/matching/batch/").status_code == 403
    assert client.get(f"/matching/batch/{job.pk}/").status_code == 403
    login(client, member_of("coordinator"))
    assert client.get("/matching/batch/").status_code == 200


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,given_name\n1,Ali\n", "missing: family_name, given_name_ar"),
        ("id,given_name\n1,Aïcha\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_file_without_the_columns_or_not_utf8_is_refused_at_once(content, message, member_of):
    with pytest.raises(ApplicationError) as refused:
        linkage_request(actor=member_of("supervisor"), file_name="x.csv", content=content)
    assert message in refused.value.message and refused.value.field == "file"
    assert not LinkageJob.objects.exists()


def test_a_file_too_large_or_a_threshold_out_of_range_is_refused(settings, member_of):
    settings.OPENNRM_LINKAGE_UPLOAD_MAX_MB = 0
    actor = member_of("supervisor")
    with pytest.raises(ApplicationError, match="larger than 0 MB"):
        linkage_request(actor=actor, file_name="x.csv", content=NAMESAKES.encode())
    settings.OPENNRM_LINKAGE_UPLOAD_MAX_MB = 1
    with pytest.raises(ApplicationError, match=r"between 0\.5 and 0\.99"):
        linkage_request(actor=actor, file_name="x.csv", content=NAMESAKES.encode(), threshold=0.2)
    with pytest.raises(ApplicationError, match="does not allow"):
        linkage_request(actor=member_of("case_manager"), file_name="x.csv", content=b"")
    assert not LinkageJob.objects.exists()


def test_the_form_says_what_is_wrong(client, login, member_of):
    login(client, member_of("supervisor"))
    refused = _send(client, "id,given_name\n1,Ali\n")
    assert refused.status_code == 400
    assert "missing: family_name, given_name_ar" in refused.content.decode()
    assert _send(client, NAMESAKES, threshold="2").status_code == 400
    assert not LinkageJob.objects.exists()


def test_a_bad_line_found_while_linking_refuses_the_file_and_keeps_nothing(
    client, login, member_of
):
    supervisor = member_of("supervisor")
    bad = NAMESAKES + "y,Omar,Tazi,,,1990-13-01,M,MA,\n"
    job = linkage_run(linkage_request(actor=supervisor, file_name="x.csv", content=bad.encode()).pk)
    assert job.state == LinkageState.FAILED and job.source == "" and job.clusters == ""
    assert job.error.startswith("line 8, column birth_date")
    login(client, supervisor)
    page = client.get(f"/matching/batch/{job.pk}/").content.decode()
    assert "The file was refused and nothing was linked" in page and "line 8" in page
    assert AuditEvent.objects.filter(action="matching.linkage_refused").count() == 1


def test_results_are_deleted_when_asked_or_when_they_expire(client, login, member_of):
    supervisor = member_of("supervisor")
    first = linkage_run(
        linkage_request(actor=supervisor, file_name="a.csv", content=NAMESAKES.encode()).pk
    )
    second = linkage_run(
        linkage_request(actor=supervisor, file_name="b.csv", content=NAMESAKES.encode()).pk
    )
    waiting = linkage_request(actor=supervisor, file_name="c.csv", content=NAMESAKES.encode())
    login(client, supervisor)
    assert client.post(f"/matching/batch/{first.pk}/delete/").status_code == 302
    assert not LinkageJob.objects.filter(pk=first.pk).exists()
    assert linkage_purge(timezone.now()) == 0
    assert linkage_purge(second.expires_at) == 1
    assert list(LinkageJob.objects.all()) == [waiting]  # a job not yet run is left to run
    # ... but not for ever: a task queue stopped mid-run must not keep a file.
    assert linkage_purge(waiting.created_at + timedelta(days=7, seconds=1)) == 1
    assert not LinkageJob.objects.exists()
    assert AuditEvent.objects.filter(action="matching.linkage_deleted").count() == 1
    assert AuditEvent.objects.filter(action="matching.linkages_expired").count() == 2


def test_the_page_in_arabic_keeps_ids_dates_and_phones_left_to_right(client, login, member_of):
    supervisor = member_of("supervisor")
    job = linkage_run(
        linkage_request(actor=supervisor, file_name="x.csv", content=NAMESAKES.encode()).pk
    )
    supervisor.user.preferred_language = "ar"
    supervisor.user.save()
    login(client, supervisor)
    page = client.get(f"/matching/batch/{job.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert '<bdi dir="ltr">1990-05-02</bdi>' in page
    assert '<bdi dir="ltr">+221771234567</bdi>' in page
    assert '<bdi dir="auto">Diallo</bdi>' in page


def test_the_optional_columns_are_counted_and_shown_for_review(client, login, member_of):
    """Who registered each record and when: counted in what the file held, and shown beside
    the records left for review; a file without them shows no such column."""
    supervisor = member_of("supervisor")
    lines = NAMESAKES.splitlines()
    registered = [lines[0] + ",family_name_2,organisation,registered_on"] + [
        line + f",,OIM Rabat,2024-0{n}-15" for n, line in enumerate(lines[1:], start=1)
    ]
    with_columns = linkage_run(
        linkage_request(
            actor=supervisor, file_name="x.csv", content="\n".join(registered).encode()
        ).pk
    )
    without = linkage_run(
        linkage_request(actor=supervisor, file_name="y.csv", content=NAMESAKES.encode()).pk
    )
    assert with_columns.summary["organisation"] == 6 and with_columns.summary["organisations"] == 1
    assert with_columns.summary["registered_on"] == 6
    login(client, supervisor)
    page = client.get(f"/matching/batch/{with_columns.pk}/").content.decode()
    assert "Organisation that registered it" in page and "(1 organisation)" in page
    assert "Registered on</th>" in page and '<bdi dir="ltr">2024-05-15</bdi>' in page
    assert "Second family name" not in page  # no record gives one
    plain = client.get(f"/matching/batch/{without.pk}/").content.decode()
    assert "Registered on" not in plain and "Organisation that registered it" not in plain


JANUARY = (
    f"{HEADER}\n"
    "j1,Mamadou,Diallo,,,1990-01-01,M,SN,\n"
    "j2,Mamadou,Diallo,,,1990-01-01,M,SN,\n"
    "c1,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
    "c2,Mamadou,Diallo,,,1990-11-20,M,SN,+221779876543\n"
    "b,Mamadou,Diallo,,,1990,M,SN,\n"
)


@pytest.mark.parametrize("ticked", [True, False])
def test_the_sender_says_whether_births_on_1_january_are_real(
    client, login, member_of, django_capture_on_commit_callbacks, monkeypatch, ticked
):
    """Unticked, 1 January is the placeholder for a year of birth; ticked, the two records
    born on 1 January 1990 are one person. The page says which reading was used."""
    monkeypatch.setattr("opennrm.matching.batch_services._enqueue", lambda job_id: None)
    supervisor = member_of("supervisor")
    login(client, supervisor)
    box = {"january_first_is_date": "on"} if ticked else {}
    with django_capture_on_commit_callbacks(execute=True):
        assert _send(client, JANUARY, **box).status_code == 302
    job = linkage_run(LinkageJob.objects.get().pk)
    assert job.january_first_is_date is ticked
    assert job.summary["january_first"] == 2
    assert job.summary["full_dates"] == (4 if ticked else 2)
    clusters = dict(line.split(",")[:2] for line in job.clusters.splitlines()[1:])
    if ticked:
        assert clusters["j1"] == clusters["j2"] != clusters["c1"]
    page = client.get(f"/matching/batch/{job.pk}/").content.decode()
    if ticked:
        assert "real dates, as you said" in page and "Born on 1 January (compared as dates)" in page
    else:
        assert "read as the year only" in page
        assert "Born on 1 January (compared on the year only)" in page
    requested = AuditEvent.objects.get(action="matching.linkage_requested")
    assert requested.details["january_first_is_date"] is ticked
