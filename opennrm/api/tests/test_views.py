import pytest

from opennrm.cases.models import Case
from opennrm.cases.tests.factories import open_case

pytestmark = pytest.mark.django_db

NEW_CASE = {
    "person": {
        "given_name_latin": "Mamadou",
        "family_name_latin": "Exemplo",
        "given_name_arabic": "مامادو",
        "family_name_arabic": "إكزمبلو",
        "gender": "Masculine",
        "citizenships": ["GN"],
        "phone": "+224 622 12 34 56",
    },
    "case": {
        "identified_on": "2026-05-04",
        "exploitation_types": ["ForcedLabour"],
        "identification_region": "MA-02",
        "forced_labour_industry": "F_Construction",
    },
}


def test_api_requires_login(client):
    assert client.get("/api/v1/cases/").status_code == 403


def test_api_open_case_and_read_it_back(client, login, case_manager):
    login(client, case_manager)
    created = client.post("/api/v1/cases/", NEW_CASE, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["person"]["phone"] == "+224622123456"
    assert body["exploitation_types"] == ["ForcedLabour"]
    detail = client.get(f"/api/v1/cases/{body['id']}/").json()
    assert detail["reference_code"] == body["reference_code"]


def test_api_invalid_input_is_400_with_field_and_stores_nothing(client, login, case_manager):
    login(client, case_manager)
    bad = {**NEW_CASE, "person": {**NEW_CASE["person"], "birth_date": "2020-02-31"}}
    response = client.post("/api/v1/cases/", bad, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "birth_date"
    assert not Case.objects.exists()


def test_api_schema_validation_errors_are_per_field(client, login, case_manager):
    login(client, case_manager)
    response = client.post(
        "/api/v1/cases/",
        {"person": {}, "case": {"exploitation_types": ["NotAThing"]}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "identified_on" in response.json()["case"]


def test_api_errors_in_the_users_language(client, login, case_manager):
    case_manager.user.preferred_language = "fr"
    case_manager.user.save()
    login(client, case_manager)
    bad = {**NEW_CASE, "person": {**NEW_CASE["person"], "phone": "12"}}
    response = client.post("/api/v1/cases/", bad, content_type="application/json")
    assert response.json()["detail"] == "Ce numéro de téléphone n’est pas valide."


def test_api_list_shows_no_names(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    listing = client.get("/api/v1/cases/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["reference_code"] == case.reference_code
    assert "Testaoui" not in str(listing)


def test_api_search_by_name(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    found = client.post(
        "/api/v1/cases/search/", {"q": "سلمى التستاوي"}, content_type="application/json"
    ).json()
    assert [r["id"] for r in found["results"]] == [str(case.pk)]


def test_api_update_rejects_stale_version(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    update = {"identified_on": "2026-01-15", "exploitation_types": ["Servitude"], "version": 1}
    first = client.put(f"/api/v1/cases/{case.pk}/", update, content_type="application/json")
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = client.put(f"/api/v1/cases/{case.pk}/", update, content_type="application/json")
    assert stale.status_code == 400
    assert "Someone else changed this case" in stale.json()["detail"]


def test_api_add_note(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(
        f"/api/v1/cases/{case.pk}/notes/", {"body": "Called back"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert case.notes.get().body == "Called back"


def test_api_role_without_permission_is_403(client, login, case_manager, member_of):
    open_case(case_manager)
    shelter = member_of("service_provider", organisation=case_manager.organisation)
    login(client, shelter)
    response = client.post("/api/v1/cases/", NEW_CASE, content_type="application/json")
    assert response.status_code == 403


def test_openapi_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/cases/" in schema["paths"]


def test_api_list_filters_and_refuses_unknown_values(client, login, case_manager):
    begging = open_case(case_manager, exploitation_types=["ForcedBegging"])
    open_case(case_manager)
    login(client, case_manager)
    found = client.get("/api/v1/cases/?exploitation_type=ForcedBegging").json()
    assert [r["id"] for r in found["results"]] == [str(begging.pk)]
    bad = client.get("/api/v1/cases/?nrm_stage=Nowhere")
    assert bad.status_code == 400
    assert "nrm_stage" in bad.json()


def test_an_unknown_api_address_answers_json_as_the_schema_says(client, login, case_manager):
    login(client, case_manager)
    for url in ("/api/v1/cases/not-a-case/", "/api/v1/nothing-here/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]
    # Pages outside the API keep their HTML error page.
    assert client.get("/cases/not-a-case/")["Content-Type"].startswith("text/html")


def test_a_case_with_choices_left_empty_answers_as_the_schema_says(client, login, case_manager):
    """A case opened without a relationship to the trafficker, a marital status or a referral
    reason answers "" for them; the schema says these may be empty (the fuzzing found
    answers contradicting it)."""
    login(client, case_manager)
    created = client.post("/api/v1/cases/", NEW_CASE, content_type="application/json").json()
    assert created["relationship_to_trafficker"] == ""
    assert created["reason_for_incoming_referral"] == ""
    assert created["person"]["marital_status"] == ""
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    assert components["BlankEnum"]["enum"] == [""]
    for component, field in (
        ("CaseDetail", "relationship_to_trafficker"),
        ("CaseDetail", "reason_for_incoming_referral"),
        ("CaseDetail", "forced_labour_industry"),
        ("Person", "marital_status"),
    ):
        allowed = components[component]["properties"][field]["oneOf"]
        assert {"$ref": "#/components/schemas/BlankEnum"} in allowed, (component, field)
    # A list of choices that is never empty stays the choices alone.
    assert "oneOf" not in components["CaseDetail"]["properties"]["nrm_stage"]
