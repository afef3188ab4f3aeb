import pytest
from django.core.cache import cache

from opennrm.hotline.models import Contact
from opennrm.hotline.public import MAX_REPORT_CHARACTERS

pytestmark = pytest.mark.django_db

REPORT = {
    "summary": "Children begging at the same crossroads every day, watched by a man.",
    "region": "MA-06",
    "caller_type": "Witness",
    "contact_back": "",
}


@pytest.fixture(autouse=True)
def _hotline(member_of):
    cache.clear()
    return member_of("hotline_operator")


def test_anonymous_report_lands_in_the_hotline_queue(client, _hotline):
    response = client.post("/report/", REPORT)
    assert response["Location"] == "/report/thanks/"
    contact = Contact.objects.get()
    assert contact.organisation == _hotline.organisation
    assert contact.channel == "WebForm"
    assert contact.outcome == "Pending"
    assert contact.operator is None


def test_honeypot_stores_nothing_and_answers_the_same(client):
    response = client.post("/report/", {**REPORT, "website": "http://spam.example"})
    assert response["Location"] == "/report/thanks/"
    assert not Contact.objects.exists()


def test_rate_limit_per_address(client, settings):
    settings.OPENNRM_PUBLIC_REPORT_LIMIT = 2
    assert client.post("/report/", REPORT).status_code == 302
    assert client.post("/report/", REPORT).status_code == 302
    limited = client.post("/report/", REPORT)
    assert limited.status_code == 429
    assert Contact.objects.count() == 2


def test_oversized_report_is_refused_with_a_message(client):
    response = client.post("/report/", {**REPORT, "summary": "x" * (MAX_REPORT_CHARACTERS + 1)})
    assert response.status_code == 200
    assert response.context["form"].errors["summary"]
    assert not Contact.objects.exists()


def test_report_page_needs_no_login_and_speaks_arabic(client):
    client.cookies["django_language"] = "ar"
    page = client.get("/report/")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()
