"""Headers and error pages every response carries."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_page_has_a_strict_content_security_policy(client, login, case_manager):
    login(client, case_manager)
    for url in ("/accounts/login/", "/", "/cases/", "/cases/new/", "/api/v1/cases/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


def test_pages_load_no_asset_from_another_origin(client, login, case_manager):
    login(client, case_manager)
    body = client.get("/cases/new/").content.decode()
    assert "http://" not in body.replace("http://www.w3.org", "")
    assert "https://" not in body


def test_not_found_page_is_generic_and_translated(client, login, case_manager):
    case_manager.user.preferred_language = "fr"
    case_manager.user.save()
    login(client, case_manager)
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert "Introuvable" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_server_error_page_reveals_nothing(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("secret detail 0612345678")

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {"urlpatterns": [path("boom/", broken)], "handler500": "opennrm.core.views.server_error"},
    )
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "0612345678" not in body
    assert "secret detail" not in body
    assert "Une erreur est survenue" in body
