import pytest

from opennrm.accounts.models import Organisation
from opennrm.accounts.tests.factories import OrganisationFactory
from opennrm.core.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


def test_count_is_exact_below_the_cap(settings):
    settings.OPENNRM_LIST_COUNT_CAP = 10
    OrganisationFactory.create_batch(4)
    paginator = CappedPaginator(Organisation.objects.order_by("name"), 2)
    assert paginator.count == 4
    assert not paginator.is_capped
    assert paginator.num_pages == 2


def test_count_stops_at_the_cap(settings):
    settings.OPENNRM_LIST_COUNT_CAP = 3
    OrganisationFactory.create_batch(5)
    paginator = CappedPaginator(Organisation.objects.order_by("name"), 2)
    assert paginator.count == 3
    assert paginator.is_capped
