import pytest

FOUND = ["5.confiscation_of_documents", "5.debt_bondage"]

pytestmark = pytest.mark.django_db


def test_evaluate_endpoint(client, login, case_manager):
    login(client, case_manager)
    response = client.post(
        "/api/v1/screening/evaluate",
        {
            "set": "ilo-adult-labour",
            "indicators": ["5.confiscation_of_documents", "5.debt_bondage"],
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["dimensions"]["5"] is True
    assert body["presumed_victim"] is False


def test_evaluate_endpoint_refuses_unknown_indicator(client, login, case_manager):
    login(client, case_manager)
    response = client.post(
        "/api/v1/screening/evaluate",
        {"set": "ilo-adult-labour", "indicators": ["7.nothing"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "indicators"


def test_evaluate_endpoint_needs_a_member(client):
    response = client.post(
        "/api/v1/screening/evaluate",
        {"set": "ilo-adult-labour", "indicators": []},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_sets_endpoint_lists_both_bundled_sets(client, login, case_manager):
    login(client, case_manager)
    slugs = {s["slug"] for s in client.get("/api/v1/screening/sets/").json()}
    assert {"ilo-adult-labour", "ilo-child-labour"} <= slugs
