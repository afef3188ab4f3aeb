"""Survivor feedback and complaints: a complaint is read by the national commission's data
protection officer only, never by the organisation it is about nor any other role; feedback
answers never reach the rated organisation below the threshold, nor any other organisation."""

import uuid

import pytest
from django.utils import timezone

from opennrm.accounts.roles import Role
from opennrm.cases.tests.factories import open_case
from opennrm.voice import services
from tests.test_no_leak import _patterns

pytestmark = pytest.mark.django_db

COMPLAINT_ROUTES = [r for r, _p in _patterns() if "<uuid:complaint_id>" in r]
SECRET = "Synthetic complaint about staff member Zoubida"


@pytest.fixture
def complaint(case_manager):
    return services.complaint_file(
        details=services.ComplaintDetails(text=SECRET, about_organisation=case_manager.organisation)
    ).complaint


def _path(route, pk):
    return "/" + route.replace("<uuid:complaint_id>", str(pk)).replace("<slug:step>", "close")


def test_walker_found_the_complaint_routes():
    assert len(COMPLAINT_ROUTES) == 2


@pytest.mark.parametrize("role", [r.value for r in Role if r != Role.DATA_PROTECTION_OFFICER])
def test_no_other_role_reads_a_complaint_even_in_the_organisation_complained_about(
    client, login, member_of, case_manager, complaint, role
):
    login(client, member_of(role, case_manager.organisation))
    for route in COMPLAINT_ROUTES:
        for method in ("get", "post"):
            real = getattr(client, method)(_path(route, complaint.pk))
            missing = getattr(client, method)(_path(route, uuid.uuid4()))
            assert real.status_code == missing.status_code, (role, route, method)
            assert real.status_code in {404, 405}, (role, route, method)
            assert SECRET not in real.content.decode()
    listing = client.get("/feedback/complaints/")
    assert listing.status_code == 403
    assert complaint.reference_code not in listing.content.decode()


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_feedback_below_the_threshold_reaches_no_one(client, login, member_of, case_manager, role):
    case = open_case(case_manager)
    for _ in range(4):
        issued = services.feedback_code_issue(
            actor=case_manager,
            case=case,
            kind="Service",
            organisation=case_manager.organisation,
            service_type="Shelter",
            month=timezone.localdate(),
            channel="Printed",
        )
        services.feedback_answer(
            code=issued.code,
            answers={"felt_safe": "2", "anything_else": "Synthetic remark by Zoubida"},
            language="fr",
        )
    for organisation in (case_manager.organisation, None):
        login(client, member_of(role, organisation))
        page = client.get("/feedback/results/")
        assert page.status_code in {200, 403}
        assert "Zoubida" not in page.content.decode()
        assert "2.0" not in page.content.decode()
