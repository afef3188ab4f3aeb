from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from opennrm.accounts.models import Notification
from opennrm.cases.tests.factories import open_case
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.voice import selectors, services
from opennrm.voice.models import Complaint, FeedbackAnswer, FeedbackCode

pytestmark = pytest.mark.django_db


def issue(case_manager, case=None, organisation=None, service_type="Shelter"):
    return services.feedback_code_issue(
        actor=case_manager,
        case=case or open_case(case_manager),
        kind="Service",
        organisation=organisation or case_manager.organisation,
        service_type=service_type,
        month=timezone.localdate(),
        channel="Printed",
    )


def answer(code, **answers):
    values = {"felt_safe": "4", "listened_to": "5", "received_promised": "partly"}
    values.update(answers)
    return services.feedback_answer(code=code, answers=values, language="fr")


def test_a_code_opens_one_answer_that_keeps_no_link_to_the_person(case_manager):
    issued = issue(case_manager)
    stored = FeedbackCode.objects.get()
    assert issued.code not in stored.code_hash
    saved = answer(issued.code.lower().replace("-", " "), what_to_change="Plus d'interprètes")
    assert saved.scores == {"felt_safe": 4, "listened_to": 5, "received_promised": "partly"}
    assert "Plus d'interprètes" in saved.texts
    # The code is gone: it cannot be used twice, and no time of answer survives.
    assert not FeedbackCode.objects.exists()
    with pytest.raises(ApplicationError, match="not valid"):
        answer(issued.code)
    fields = {f.name for f in FeedbackAnswer._meta.get_fields()}
    assert not fields & {"case", "person", "code", "created_at", "updated_at"}
    # The audit log says a code was issued for a case and that an answer arrived, never which.
    answered = AuditEvent.objects.get(action="feedback.answered")
    assert answered.actor_user_id is None
    assert str(saved.pk) not in str(answered.details)


def test_an_expired_or_unknown_code_is_refused(case_manager):
    issued = issue(case_manager)
    FeedbackCode.objects.update(expires_on=date(2020, 1, 1))
    with pytest.raises(ApplicationError, match="not valid"):
        services.feedback_code_open(issued.code)
    with pytest.raises(ApplicationError, match="not valid"):
        services.feedback_code_open("ZZZZZ-ZZZZZ")


def test_out_of_range_answers_are_refused_and_the_code_kept(case_manager):
    issued = issue(case_manager)
    with pytest.raises(ApplicationError):
        answer(issued.code, felt_safe="9")
    assert FeedbackCode.objects.count() == 1
    assert not FeedbackAnswer.objects.exists()


def test_only_the_case_owner_issues_codes(case_manager, member_of):
    case = open_case(case_manager)
    with pytest.raises(PermissionDenied):
        issue(member_of("case_manager"), case=case)
    with pytest.raises(PermissionDenied):
        issue(member_of("hotline_operator", case_manager.organisation), case=case)


def test_results_stay_hidden_below_five_answers(case_manager, member_of):
    supervisor = member_of("supervisor", case_manager.organisation)
    for _ in range(4):
        answer(issue(case_manager).code)
    today = timezone.localdate()
    period = {"start": date(today.year, 1, 1), "end": date(today.year, 12, 31)}
    [result] = selectors.feedback_results(actor=supervisor, **period)
    assert result.answers == 4
    assert not result.shown
    assert result.averages == {}
    assert result.texts == []
    answer(issue(case_manager).code, felt_safe="1", anything_else="Merci")
    [result] = selectors.feedback_results(actor=supervisor, **period)
    assert result.shown
    assert result.averages["felt_safe"] == round((4 * 4 + 1) / 5, 1)
    assert result.shares["received_promised"] == {"partly": 5}
    assert result.texts == ["anything_else: Merci"]
    # Another organisation never reads them, whatever the count.
    assert selectors.feedback_results(actor=member_of("supervisor"), **period) == []
    # A case manager issues codes but does not read results.
    assert selectors.feedback_results(actor=case_manager, **period) == []


def test_a_complaint_goes_to_the_data_protection_officer_not_the_organisation(
    case_manager, member_of
):
    dpo = member_of("data_protection_officer")
    filed = services.complaint_file(
        details=services.ComplaintDetails(
            text="Synthetic complaint about a rude member of staff",
            about_organisation=case_manager.organisation,
        )
    )
    assert Notification.objects.filter(user=dpo.user).count() == 1
    assert not Notification.objects.filter(user=case_manager.user).exists()
    with pytest.raises(Http404):
        selectors.access_complaint(actor=case_manager, complaint_id=filed.complaint.pk)
    assert selectors.access_complaint(actor=dpo, complaint_id=filed.complaint.pk)
    # The complainant follows it with the reference and the secret.
    assert (
        services.complaint_status(
            reference=filed.complaint.reference_code, secret=filed.secret
        ).state
        == "Received"
    )
    with pytest.raises(ApplicationError):
        services.complaint_status(reference=filed.complaint.reference_code, secret="WRONG123")
    services.complaint_acknowledge(actor=dpo, complaint=filed.complaint)
    with pytest.raises(ApplicationError, match="Write the outcome"):
        services.complaint_close(actor=dpo, complaint=filed.complaint, outcome=" ")
    closed = services.complaint_close(
        actor=dpo, complaint=Complaint.objects.get(), outcome="The centre apologised."
    )
    assert closed.state == "Closed"
    assert closed.outcome == "The centre apologised."
    with pytest.raises(PermissionDenied):
        services.complaint_acknowledge(actor=case_manager, complaint=closed)


def test_an_empty_complaint_is_refused(member_of):
    with pytest.raises(ApplicationError, match="Write the complaint"):
        services.complaint_file(details=services.ComplaintDetails(text="  "))
    assert not Complaint.objects.exists()


def test_the_anonymous_pages_work_without_login(client, case_manager):
    issued = issue(case_manager)
    page = client.post("/feedback/", {"code": issued.code})
    assert page.status_code == 200
    body = page.content.decode()
    assert "I felt safe." in body or "Je me suis" in body
    assert "<script" not in body.split("<main", 1)[1].split("</main>")[0]
    arabic = client.post("/feedback/", {"code": issued.code, "lang": "ar"})
    assert "شعرتُ بالأمان." in arabic.content.decode()
    sent = client.post(
        "/feedback/", {"answer": "1", "code": issued.code, "lang": "ar", "felt_safe": "5"}
    )
    assert sent.status_code == 302
    assert FeedbackAnswer.objects.get().language == "ar"
    again = client.post("/feedback/", {"answer": "1", "code": issued.code, "felt_safe": "5"})
    assert "not valid" in again.content.decode()
    complaint = client.post("/feedback/complaint/", {"text": "Synthetic complaint"})
    assert complaint.status_code == 200
    reference = complaint.context["reference"]
    secret = complaint.context["secret"]
    status = client.post("/feedback/complaint/status/", {"reference": reference, "secret": secret})
    assert "Received" in status.content.decode()


def test_guessing_codes_is_limited(client, settings):
    settings.OPENNRM_FEEDBACK_ATTEMPT_LIMIT = 3
    from django.core.cache import cache

    cache.clear()
    for _ in range(3):
        assert client.post("/feedback/", {"code": "AAAAA-AAAAA"}).status_code == 200
    assert client.post("/feedback/", {"code": "AAAAA-AAAAA"}).status_code == 429
    cache.clear()


def test_the_case_worker_gets_a_printable_code_once(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    assert "Give a feedback code" in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.post(
        f"/feedback/case/{case.pk}/code/",
        {
            "kind": "Service",
            "organisation": case_manager.organisation.pk,
            "service_type": "Shelter",
            "month": str(timezone.localdate()),
            "channel": "Printed",
        },
    )
    code = response.context["code"]
    assert code in response.content.decode()
    assert services.feedback_code_open(code)


def test_guessing_codes_through_links_is_limited_too(client, settings):
    settings.OPENNRM_FEEDBACK_ATTEMPT_LIMIT = 2
    from django.core.cache import cache

    cache.clear()
    assert client.get("/feedback/?code=AAAAA-AAAAA").status_code == 200
    assert client.get("/feedback/?code=AAAAA-AAAAB").status_code == 200
    assert client.get("/feedback/?code=AAAAA-AAAAC").status_code == 429
    cache.clear()


def test_a_code_sent_by_email_goes_to_the_address_typed_which_is_not_kept(
    case_manager, mailoutbox, django_capture_on_commit_callbacks
):
    case = open_case(case_manager)
    with pytest.raises(ApplicationError, match="e-mail address"):
        services.feedback_code_issue(
            actor=case_manager,
            case=case,
            kind="Service",
            organisation=case_manager.organisation,
            service_type="",
            month=timezone.localdate(),
            channel="Email",
            email="not-an-address",
        )
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.feedback_code_issue(
            actor=case_manager,
            case=case,
            kind="Service",
            organisation=case_manager.organisation,
            service_type="",
            month=timezone.localdate(),
            channel="Email",
            email="survivor@example.invalid",
        )
    [mail] = mailoutbox
    assert mail.to == ["survivor@example.invalid"]
    assert issued.code in mail.body
    assert "Salma" not in mail.body
    assert case.reference_code not in mail.body
    assert "survivor@example.invalid" not in str(FeedbackCode.objects.values())


def test_reading_complaints_or_feedback_texts_needs_a_second_factor():
    from opennrm.accounts.roles import role_needs_second_factor

    assert role_needs_second_factor("data_protection_officer")
    assert role_needs_second_factor("organisation_admin")


def test_only_an_organisation_that_served_the_person_can_be_rated(case_manager, member_of):
    stranger = member_of("service_provider").organisation
    with pytest.raises(ApplicationError, match="referred to"):
        issue(case_manager, organisation=stranger)
    from opennrm.referrals.tests.factories import send_referral

    case = open_case(case_manager)
    send_referral(case_manager, stranger, case=case)
    assert issue(case_manager, case=case, organisation=stranger).record.organisation == stranger


def test_a_code_sent_by_sms_goes_through_the_configured_gateway(
    case_manager, settings, monkeypatch, django_capture_on_commit_callbacks
):
    import json

    sent = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

    def gateway(request, timeout):
        sent.append((request.full_url, request.headers, json.loads(request.data)))
        return Answer()

    monkeypatch.setattr("urllib.request.urlopen", gateway)
    case = open_case(case_manager)
    values = {
        "actor": case_manager,
        "case": case,
        "kind": "Service",
        "organisation": case_manager.organisation,
        "service_type": "",
        "month": timezone.localdate(),
        "channel": "SMS",
    }
    settings.OPENNRM_SMS_GATEWAY_URL = ""
    with pytest.raises(ApplicationError, match="No SMS gateway"):
        services.feedback_code_issue(phone="0612345678", **values)
    settings.OPENNRM_SMS_GATEWAY_URL = "https://sms.example.invalid/send"
    settings.OPENNRM_SMS_GATEWAY_TOKEN = "synthetic-token"
    with pytest.raises(ApplicationError, match="mobile number"):
        services.feedback_code_issue(phone="12", **values)
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.feedback_code_issue(phone="0612345678", **values)
    [(url, headers, body)] = sent
    assert url == "https://sms.example.invalid/send"
    assert headers["Authorization"] == "Bearer synthetic-token"
    assert body["to"] == "+212612345678"
    assert issued.code in body["text"]
    assert "Salma" not in body["text"]
    assert "612345678" not in str(FeedbackCode.objects.values())
