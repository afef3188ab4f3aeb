import pytest

from opennrm.cases.selectors import proposed_indicator_set
from opennrm.cases.tests.factories import open_case, person_details
from opennrm.screening.models import IndicatorSet, Screening

pytestmark = pytest.mark.django_db


def test_proposed_set_follows_age_at_exploitation(case_manager):
    adult = open_case(case_manager, age_when_trafficked=24)
    child = open_case(case_manager, person=person_details(birth_date="2012-03"))
    assert proposed_indicator_set(case=adult).slug == "ilo-adult-labour"
    assert proposed_indicator_set(case=child).slug == "ilo-child-labour"


def test_guided_screening_through_the_pages(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    adult = IndicatorSet.objects.get(slug="ilo-adult-labour")
    response = client.post(f"/cases/{case.pk}/screenings/new/", {"indicator_set": str(adult.pk)})
    screening = Screening.objects.get()
    step_url = f"/cases/{case.pk}/screenings/{screening.pk}/"
    assert response["Location"] == step_url
    answers = {
        1: ["1.deceived_nature_of_job", "1.deceived_wages"],
        4: ["4.excessive_hours", "4.hazardous_work"],
        5: ["5.violence_on_victim", "5.forced_to_lie"],
    }
    for number in range(1, 7):
        page = client.get(step_url)
        assert page.context["dimension"].number == number
        if number in answers:
            client.post(
                step_url, {"dimension": number, "action": "next", "indicators": answers[number]}
            )
        else:
            client.post(step_url, {"dimension": number, "action": "skip"})
    assert client.get(step_url).context["all_done"]
    result = client.post(step_url, {"dimension": 6, "action": "finish"})
    assert result["Location"].endswith("/result/")
    page = client.get(result["Location"]).content.decode()
    assert "indicative only" in page
    assert "Request a preliminary decision" in page
    assert "Excessive working days or hours" in page


def test_screening_of_a_case_the_user_may_not_see_is_404(client, login, case_manager, member_of):
    case = open_case(case_manager)
    outsider = member_of("case_manager")
    login(client, outsider)
    adult = IndicatorSet.objects.get(slug="ilo-adult-labour")
    response = client.post(f"/cases/{case.pk}/screenings/new/", {"indicator_set": str(adult.pk)})
    assert response.status_code == 404
    assert not Screening.objects.exists()


def test_bad_set_choice_is_an_error_not_a_crash(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    response = client.post(f"/cases/{case.pk}/screenings/new/", {"indicator_set": "nonsense"})
    assert response.status_code == 200
    assert not Screening.objects.exists()


def test_the_result_shows_every_indicator_ticked_and_the_rule_in_words(client, login, case_manager):
    case = open_case(case_manager)
    login(client, case_manager)
    adult = IndicatorSet.objects.get(slug="ilo-adult-labour")
    client.post(f"/cases/{case.pk}/screenings/new/", {"indicator_set": str(adult.pk)})
    screening = Screening.objects.get()
    step_url = f"/cases/{case.pk}/screenings/{screening.pk}/"
    # A weak indicator alone does not make the dimension present: it is still shown.
    client.post(
        step_url, {"dimension": 1, "action": "next", "indicators": ["1.deceived_education"]}
    )
    for number in range(2, 7):
        client.post(step_url, {"dimension": number, "action": "skip"})
    result = client.post(step_url, {"dimension": 6, "action": "finish"})
    page = client.get(result["Location"]).content.decode()
    assert screening.__class__.objects.get().result["dimensions"]["1"] is False
    assert "Deceived about access to education opportunities" in page
    assert "Presumed victim when: dimension" in page and " or dimension " in page
    assert "D1" not in page.split('data-testid="rule"')[1][:200]
