import pytest
from django.core.exceptions import PermissionDenied

from opennrm.core.errors import ApplicationError
from opennrm.referrals.models import Service
from opennrm.referrals.selectors import ServiceNeed, find_services
from opennrm.referrals.services import ServiceDetails, service_create, service_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(member_of):
    return member_of("organisation_admin")


def _service(actor, **overrides):
    values = {
        "name": "Synthetic shelter",
        "service_type": "Shelter",
        "region": "MA-01",
        "eligible_sexes": ["Feminine"],
        "min_age": 18,
        "languages": ["ary", "fra"],
    }
    values.update(overrides)
    return service_create(actor=actor, details=ServiceDetails(**values))


def test_search_by_need_region_and_eligibility(admin):
    shelter = _service(admin)
    legal = _service(
        admin,
        name="Legal aid",
        service_type="LegalAid",
        region="",
        nationwide=True,
        eligible_sexes=[],
        min_age=None,
    )
    assert find_services(ServiceNeed(service_type="Shelter", region="MA-01")) == [shelter]
    assert find_services(ServiceNeed(service_type="Shelter", region="MA-06")) == []
    assert find_services(ServiceNeed(service_type="Shelter", sex="Masculine")) == []
    assert find_services(ServiceNeed(service_type="Shelter", age=15)) == []
    assert find_services(ServiceNeed(region="MA-06")) == [legal]  # nationwide
    assert find_services(ServiceNeed(language="wol", service_type="Shelter")) == []


def test_inactive_services_are_not_offered(admin):
    shelter = _service(admin)
    service_update(
        actor=admin,
        service=shelter,
        details=ServiceDetails(
            name="Synthetic shelter", service_type="Shelter", region="MA-01", is_active=False
        ),
    )
    assert find_services(ServiceNeed(service_type="Shelter")) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"region": "", "nationwide": False}, "region"),
        ({"min_age": 30, "max_age": 18}, "min_age"),
        ({"service_type": "Teleportation"}, "service_type"),
        ({"contact_phone": "12"}, "phone"),
        ({"eligible_nationalities": ["XX"]}, "eligible_nationalities"),
    ],
)
def test_bad_service_input_is_refused(admin, overrides, field):
    with pytest.raises(ApplicationError) as error:
        _service(admin, **overrides)
    assert error.value.field == field
    assert not Service.objects.exists()


def test_only_organisation_admins_manage_their_own_services(admin, member_of):
    with pytest.raises(PermissionDenied):
        _service(member_of("case_manager"))
    shelter = _service(admin)
    other_admin = member_of("organisation_admin")
    with pytest.raises(PermissionDenied):
        service_update(
            actor=other_admin,
            service=shelter,
            details=ServiceDetails(name="Hijacked", service_type="Shelter", region="MA-01"),
        )


def test_directory_page_lists_and_filters(client, login, admin, member_of):
    _service(admin)
    manager = member_of("case_manager")
    login(client, manager)
    page = client.get("/services/?service_type=Shelter&region=MA-01")
    assert page.status_code == 200
    assert "Synthetic shelter" in page.content.decode()
    assert client.get("/services/new/").status_code == 403


def test_admin_adds_a_service_through_the_form(client, login, admin):
    login(client, admin)
    response = client.post(
        "/services/new/",
        {
            "name": "Interpretation desk",
            "service_type": "Interpretation",
            "nationwide": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Service.objects.get().organisation == admin.organisation
