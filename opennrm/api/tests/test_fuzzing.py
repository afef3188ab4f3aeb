"""API fuzzing (schemathesis) with an authenticated client of every role: whatever the request,
no server error, and no answer (status, content type, body, headers) that contradicts the
published schema at /api/schema/. Requests go in-process to the WSGI application, inside the
test's database transaction; each role acts for an organisation that holds a case, and other
organisations' cases exist too."""

import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from opennrm.accounts.middleware import ACTIVE_MEMBERSHIP_SESSION_KEY
from opennrm.accounts.roles import Role
from opennrm.accounts.step_up import STEP_UP_SESSION_KEY
from opennrm.cases.tests.factories import open_case

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
CSRF = "fuzzingcsrftoken0123456789abcdef"  # a 32-character secret, as in the cookie


@pytest.fixture(autouse=True)
def one_connection_per_test():
    """Requests run in-process inside the test's transaction: the database connection must
    survive the end of each request, as Django's own test client arranges."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=sorted(Role.values))
def credentials(request, db, member_of):
    """Cookies and headers of a signed-in, verified member of the role (step-up done)."""
    member = member_of(request.param)
    own = member_of("case_manager", member.organisation)
    open_case(own, narrative="Synthetic narrative of the role's own organisation")
    open_case(member_of("case_manager"), narrative="Another organisation's case")
    client = Client()
    client.force_login(member.user)
    device = TOTPDevice.objects.create(user=member.user, name="fuzz", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[ACTIVE_MEMBERSHIP_SESSION_KEY] = str(member.pk)
    session[STEP_UP_SESSION_KEY] = time.time()
    session.save()
    return {
        "cookies": {"sessionid": session.session_key, "csrftoken": CSRF},
        "headers": {"X-CSRFToken": CSRF},
    }


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_role_gets_a_server_error_or_an_answer_off_schema(case, credentials):
    case.call_and_validate(
        headers=credentials["headers"], cookies=credentials["cookies"], checks=CHECKS
    )
