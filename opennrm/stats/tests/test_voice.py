"""Survivors' ratings in the national picture: by type of service, from enough answers, never
what they wrote."""

import pytest
from django.utils import timezone

from opennrm.stats.facts import Filters
from opennrm.stats.suppression import Rule
from opennrm.stats.voice import feedback_scores
from opennrm.voice.tests.test_voice import answer, issue

pytestmark = pytest.mark.django_db


def test_scores_by_service_from_every_organisation(client, login, case_manager, member_of):
    other = member_of("case_manager")
    for manager, n in ((case_manager, 3), (other, 3)):
        for _ in range(n):
            answer(issue(manager).code, felt_safe="5", anything_else="Synthetic words")
    for _ in range(2):
        answer(issue(case_manager, service_type="Health").code)
    year = Filters.year(timezone.localdate().year)
    health, shelter = feedback_scores(year, Rule.national())
    assert (shelter.service_type, shelter.answers, shelter.shown) == ("Shelter", "6", True)
    # Every answer gave 5 to "felt safe" and "listened to" (the scale questions).
    assert [average for _question, average in shelter.averages] == [5.0, 5.0]
    assert (health.answers, health.shown, health.averages) == ("< 5", False, [])
    public = feedback_scores(year, Rule.public())
    assert all(not s.shown for s in public)  # 6 answers are fewer than 11
    login(client, member_of("coordinator"))
    page = client.get(f"/stats/?year={timezone.localdate().year}&chapter=voice")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="feedback-scores"' in body
    assert "Synthetic words" not in body
