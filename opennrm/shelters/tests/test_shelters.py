from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from opennrm.accounts.tests.factories import OrganisationFactory
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.core.errors import ApplicationError
from opennrm.core.models import AuditEvent
from opennrm.referrals.models import Referral
from opennrm.referrals.services import referral_accept
from opennrm.referrals.tests.factories import referral_consent, send_referral
from opennrm.referrals.vocabularies import ReferralState
from opennrm.shelters.selectors import (
    access_centre,
    category_for,
    full_centre_warnings,
    location_visible,
    occupancy_of,
)
from opennrm.shelters.services import CentreDetails, centre_create, stay_admit, stay_end

pytestmark = pytest.mark.django_db
ADDRESS = "7 Derb Synthétique, Casablanca"


@pytest.fixture
def centre_staff(member_of):
    return member_of("service_provider")


@pytest.fixture
def centre(member_of, centre_staff):
    admin = member_of("organisation_admin", centre_staff.organisation)
    return centre_create(
        actor=admin,
        details=CentreDetails(
            name="Centre Synthétique",
            region="MA-06",
            address=ADDRESS,
            phone="+212522000000",
            places={"Women": 1, "Children": 4},
        ),
    )


@pytest.fixture
def accepted(case_manager, centre_staff):
    case = open_case(case_manager, case_owner=case_manager.user)  # she is the case worker
    referral = send_referral(case_manager, centre_staff.organisation, case=case)
    return referral_accept(actor=centre_staff, referral=referral)


def _admit(staff, centre, referral, **kwargs):
    return stay_admit(
        actor=staff,
        centre=centre,
        referral=referral,
        category=kwargs.pop("category", "Women"),
        arrived_on=kwargs.pop("arrived_on", timezone.localdate()),
        **kwargs,
    )


def test_admission_through_a_referral_puts_it_in_service(centre_staff, centre, accepted):
    stay = _admit(centre_staff, centre, accepted)
    assert stay.case_id == accepted.case_id
    assert Referral.objects.get(pk=accepted.pk).state == ReferralState.IN_SERVICE
    assert occupancy_of(centre).free("Women") == 0
    assert AuditEvent.objects.filter(action="stay.admitted", object_id=str(stay.case_id)).exists()


def test_full_category_refuses_unless_admitted_over_capacity(
    case_manager, centre_staff, centre, accepted
):
    _admit(centre_staff, centre, accepted)
    other = referral_accept(
        actor=centre_staff, referral=send_referral(case_manager, centre_staff.organisation)
    )
    with pytest.raises(ApplicationError, match="No Women place"):
        _admit(centre_staff, centre, other)
    stay = _admit(centre_staff, centre, other, over_capacity=True)
    assert occupancy_of(centre).free("Women") == -1
    assert stay.is_current


def test_a_person_stays_in_one_centre_at_a_time(centre_staff, centre, accepted):
    _admit(centre_staff, centre, accepted, category="Children")
    with pytest.raises(ApplicationError, match="already staying"):
        _admit(centre_staff, centre, accepted, category="Children")


def test_only_the_centre_admits_and_only_accepted_referrals(
    case_manager, member_of, centre_staff, centre
):
    pending = send_referral(case_manager, centre_staff.organisation)
    with pytest.raises(ApplicationError, match="accepted"):
        _admit(centre_staff, centre, pending)
    outsider = member_of("service_provider")
    with pytest.raises(PermissionDenied):
        _admit(outsider, centre, pending)


def test_departure_needs_a_reason_and_frees_the_place(centre_staff, centre, accepted):
    stay = _admit(centre_staff, centre, accepted, arrived_on=timezone.localdate() - timedelta(3))
    with pytest.raises(ApplicationError):
        stay_end(actor=centre_staff, stay=stay, departed_on=timezone.localdate(), reason="")
    with pytest.raises(ApplicationError, match="before the arrival"):
        stay_end(
            actor=centre_staff,
            stay=stay,
            departed_on=timezone.localdate() - timedelta(10),
            reason="ReturnToFamily",
        )
    stay = stay_end(
        actor=centre_staff, stay=stay, departed_on=timezone.localdate(), reason="ReturnToFamily"
    )
    assert not stay.is_current
    assert occupancy_of(centre).free("Women") == 1


def test_category_follows_age_and_gender(case_manager):
    child = open_case(case_manager, person=person_details(birth_date="2015-02"))
    woman = open_case(case_manager)
    man = open_case(case_manager, person=person_details(gender="Masculine"))
    unknown = open_case(case_manager, person=person_details(gender="NonSpecifiedUnknown"))
    assert [category_for(c) for c in (child, woman, man, unknown)] == [
        "Children",
        "Women",
        "Men",
        None,
    ]


def test_full_centre_warns_and_suggests_centres_with_places(
    case_manager, member_of, centre_staff, centre, accepted
):
    _admit(centre_staff, centre, accepted)
    other_staff = member_of("service_provider")
    other_admin = member_of("organisation_admin", other_staff.organisation)
    centre_create(
        actor=other_admin,
        details=CentreDetails(name="Centre Libre", region="MA-01", places={"Women": 3}),
    )
    case = open_case(case_manager)
    warnings = full_centre_warnings(case, centre_staff.organisation, ["Shelter"])
    assert len(warnings) == 1
    assert "no free place" in warnings[0].message
    assert any("Centre Libre" in s and "3" in s for s in warnings[0].suggestions)
    assert not any("Centre Synthétique" in s for s in warnings[0].suggestions)
    assert full_centre_warnings(case, centre_staff.organisation, ["Medical"]) == []
    assert full_centre_warnings(case, other_staff.organisation, ["Shelter"]) == []


def test_send_form_shows_the_warning_and_sends_only_once_confirmed(
    client, login, case_manager, centre_staff, centre, accepted
):
    from opennrm.referrals.tests.factories import profile

    _admit(centre_staff, centre, accepted)
    case = open_case(case_manager)
    referral_consent(case_manager, case, centre_staff.organisation)
    login(client, case_manager)
    url = reverse("referrals:new", kwargs={"case_id": case.pk})
    data = {
        "recipient_organisation": str(centre_staff.organisation_id),
        "service_types": ["Shelter"],
        "reason": "Safe place.",
        "disclosure_profile": str(profile().pk),
    }
    before = Referral.objects.count()
    page = client.post(url, data)
    assert 'data-testid="send-warnings"' in page.content.decode()
    assert Referral.objects.count() == before
    client.post(url, {**data, "send_despite_warnings": "on"})
    assert Referral.objects.count() == before + 1


def test_location_is_for_the_centre_coordinators_and_the_case_worker(
    member_of, case_manager, centre_staff, centre, accepted
):
    _admit(centre_staff, centre, accepted)
    case = accepted.case
    assert location_visible(centre_staff, centre)
    assert location_visible(member_of("coordinator"), centre)
    assert location_visible(case_manager, centre, case)  # the case worker
    colleague = member_of("case_manager", case_manager.organisation)
    assert not location_visible(colleague, centre, case)
    assert location_visible(member_of("supervisor", case_manager.organisation), centre, case)
    assert not location_visible(member_of("case_manager"), centre, case)


def test_board_shows_places_but_never_the_address(client, login, case_manager, centre):
    login(client, case_manager)
    body = client.get(reverse("shelters:board")).content.decode()
    assert "Centre Synthétique" in body
    assert "Derb" not in body and "522000000" not in body
    response = client.get(reverse("shelters:centre", kwargs={"centre_id": centre.pk}))
    assert response.status_code == 404


def test_case_page_shows_the_address_to_the_case_worker_only(
    client, login, member_of, case_manager, centre_staff, centre, accepted
):
    _admit(centre_staff, centre, accepted)
    url = reverse("cases:detail", kwargs={"case_id": accepted.case_id})
    reveal = (
        reverse("shelters:centre_location", kwargs={"centre_id": centre.pk})
        + f"?case={accepted.case_id}"
    )
    login(client, case_manager)
    page = client.get(url).content.decode()
    # The case page offers the address but does not hold it.
    assert ADDRESS not in page and reveal.replace("&", "&amp;") in page
    # Revealing it asks the case worker to confirm who they are first (step-up).
    asked = client.get(reveal)
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/confirm/")
    assert not AuditEvent.objects.filter(action="centre.location_viewed").exists()
    login(client, case_manager, confirmed=True)
    shown = client.get(reveal)
    assert ADDRESS in shown.content.decode() and shown["Cache-Control"].startswith("max-age=0")
    assert AuditEvent.objects.filter(action="centre.location_viewed").count() == 1
    operator = member_of("hotline_operator", case_manager.organisation)
    login(client, operator, confirmed=True)
    body = client.get(url).content.decode()
    assert "Centre Synthétique" in body and ADDRESS not in body and reveal not in body
    assert client.get(reveal).status_code == 404


def test_centre_page_is_for_its_staff_and_coordinators(member_of, centre_staff, centre):
    assert access_centre(actor=centre_staff, centre_id=centre.pk) == centre
    assert access_centre(actor=member_of("coordinator"), centre_id=centre.pk) == centre
    with pytest.raises(Http404):
        access_centre(actor=member_of("service_provider"), centre_id=centre.pk)
    with pytest.raises(Http404):
        access_centre(actor=member_of("hotline_operator", OrganisationFactory()), centre_id="x")


def test_centre_staff_admit_through_the_page(client, login, centre_staff, centre, accepted):
    login(client, centre_staff, confirmed=True)
    page = client.get(reverse("shelters:centre", kwargs={"centre_id": centre.pk}))
    assert ADDRESS not in page.content.decode()
    shown = client.get(reverse("shelters:centre_location", kwargs={"centre_id": centre.pk}))
    assert ADDRESS in shown.content.decode()
    client.post(
        reverse("shelters:admit", kwargs={"centre_id": centre.pk}),
        {
            "referral": str(accepted.pk),
            "category": "Women",
            "arrived_on": timezone.localdate().isoformat(),
        },
    )
    assert occupancy_of(centre).free("Women") == 0


def test_planned_departure_can_be_moved_but_not_before_arrival(centre_staff, centre, accepted):
    from opennrm.shelters.services import stay_plan_departure

    stay = _admit(centre_staff, centre, accepted)
    later = timezone.localdate() + timedelta(days=30)
    assert (
        stay_plan_departure(
            actor=centre_staff, stay=stay, planned_departure_on=later
        ).planned_departure_on
        == later
    )
    with pytest.raises(ApplicationError, match="before the arrival"):
        stay_plan_departure(
            actor=centre_staff,
            stay=stay,
            planned_departure_on=timezone.localdate() - timedelta(days=5),
        )
