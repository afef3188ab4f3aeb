"""Walk every URL pattern and API route as every role of a foreign organisation: a case of
another organisation must answer exactly like a missing one, and no response may contain its
reference, the person's reference or any identifying value."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from opennrm.accounts.roles import Role
from opennrm.cases.services import ConsentDetails, consent_record
from opennrm.cases.tests.factories import open_case

pytestmark = pytest.mark.django_db


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _fill(route, case_id, other_id):
    """A path for the route: the case id, and `other_id` for any other id it takes."""
    path = route.replace("<uuid:case_id>", str(case_id))
    return "/" + re.sub(r"<uuid:\w+>", str(other_id), path)


@pytest.fixture
def victim_case(case_manager):
    from django.utils import timezone

    case = open_case(case_manager)
    consent = consent_record(
        actor=case_manager,
        case=case,
        details=ConsentDetails(
            purpose="DataProcessing",
            given=True,
            given_at=timezone.now(),
            explained_purpose=True,
            explained_withdrawal=True,
        ),
    )
    return case, consent


def _secrets(case):
    person = case.person
    return [
        case.reference_code,
        person.reference_code,
        "Testaoui",
        "التستاوي",
        "612345678",
        "Rue Imaginaire",
    ]


ROUTES = [
    (route, pattern)
    for route, pattern in _patterns()
    if "<uuid:case_id>" in route and not route.startswith("admin/")
]
# Every other route without parameters, admin pages included (logging out would end the walk).
OTHER_ROUTES = [
    route for route, _pattern in _patterns() if "<" not in route and "logout" not in route
]


def test_walker_found_the_case_routes():
    # 18 case pages (with the summary to print and the whole audit trail), 3 support plan,
    # 2 API, referral and its consent, transfer, return, and linking to a criminal
    # proceeding, unlinking, asking for a protection measure, non-punishment (new, edit),
    # residence (new, decide) and participation, and a feedback code.
    assert len(ROUTES) == 36


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_foreign_roles_learn_nothing(client, login, member_of, victim_case, role):
    case, consent = victim_case
    outsider = member_of(role)
    login(client, outsider)
    for route, _pattern in ROUTES:
        for method in ("get", "post", "put"):
            real = getattr(client, method)(_fill(route, case.pk, consent.pk))
            missing = getattr(client, method)(_fill(route, uuid.uuid4(), uuid.uuid4()))
            assert real.status_code == missing.status_code, (role, route, method)
            assert real.status_code in {403, 404, 405}, (role, route, method, real.status_code)
            body = real.content.decode()
            for secret in _secrets(case):
                assert secret not in body, (role, route, method, secret)


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_other_route_shows_nothing_of_a_foreign_case(
    client, login, member_of, victim_case, role
):
    case, _consent = victim_case
    login(client, member_of(role))
    assert len(OTHER_ROUTES) >= 30
    for route in OTHER_ROUTES:
        for method in ("get", "post"):
            response = getattr(client, method)("/" + route)
            assert response.status_code < 500, (role, route, method)
            body = response.content.decode(errors="replace")
            for secret in _secrets(case):
                assert secret not in body, (role, route, method, secret)


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_foreign_roles_do_not_see_the_case_in_lists_or_search(
    client, login, member_of, victim_case, role
):
    case, _consent = victim_case
    login(client, member_of(role))
    pages = [
        client.get("/"),
        client.get("/cases/"),
        client.get("/api/v1/cases/"),
        client.get("/cases/access-log/"),
    ]
    for response in pages:
        body = response.content.decode()
        for secret in _secrets(case):
            assert secret not in body, (role, response.request["PATH_INFO"], secret)
    # Searches echo the searcher's own term back; what matters is that nothing is found.
    page = client.post("/cases/search/", {"q": "Salma Testaoui"}, follow=True)
    if page.status_code == 200:
        assert page.context["page"].paginator.count == 0
        assert case.reference_code not in page.content.decode()
    for term in ("Salma Testaoui", case.reference_code, "0612345678"):
        api = client.post("/api/v1/cases/search/", {"q": term}, content_type="application/json")
        assert api.status_code in {200, 403}
        if api.status_code == 200:
            assert api.json()["count"] == 0


CONTACT_ROUTES = [route for route, _pattern in _patterns() if "<uuid:contact_id>" in route]


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_foreign_roles_learn_nothing_of_a_hotline_contact(client, login, member_of, role):
    from django.utils import timezone

    from opennrm.hotline.services import ContactDetails, contact_record

    operator = member_of("hotline_operator")
    contact = contact_record(
        actor=operator,
        details=ContactDetails(
            channel="Phone",
            caller_type="Witness",
            started_at=timezone.now(),
            summary="Synthetic secret summary",
            caller_phone="0612345678",
        ),
    )
    login(client, member_of(role))
    # The page, the emergency and its closing, linking, the follow-up (update, call-back, close).
    assert len(CONTACT_ROUTES) == 7
    for route in CONTACT_ROUTES:
        for method in ("get", "post"):
            path = "/" + route.replace("<uuid:contact_id>", str(contact.pk))
            real = getattr(client, method)(path)
            missing = getattr(client, method)(
                "/" + route.replace("<uuid:contact_id>", str(uuid.uuid4()))
            )
            assert real.status_code == missing.status_code, (role, route, method)
            assert "Synthetic secret summary" not in real.content.decode()
