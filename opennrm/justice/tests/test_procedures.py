import json

import pytest
from django.core.management import CommandError, call_command

from opennrm.justice.models import Authority, JusticeStage
from opennrm.justice.services import proceeding_workflow

pytestmark = pytest.mark.django_db

OTHER_COUNTRY = {
    "country": "TN",
    "stages": [
        {
            "code": "Report",
            "label_en": "Report",
            "label_fr": "Signalement",
            "label_ar": "تبليغ",
            "phase": "Report",
            "authority_kinds": ["Police"],
            "is_initial": True,
        },
        {
            "code": "Trial",
            "label_en": "Trial",
            "label_fr": "Procès",
            "label_ar": "محاكمة",
            "phase": "Trial",
            "authority_kinds": ["FirstInstanceCourt"],
        },
    ],
    "moves": {"Report": ["Trial"]},
    "authorities": [
        {
            "code": "P1",
            "kind": "Police",
            "label_en": "Police unit",
            "label_fr": "Unité de police",
            "label_ar": "وحدة الشرطة",
        },
    ],
}


def test_another_country_loads_its_procedure_without_code(tmp_path):
    path = tmp_path / "TN.json"
    path.write_text(json.dumps(OTHER_COUNTRY), encoding="utf-8")
    call_command("load_procedure", str(path))
    assert list(JusticeStage.objects.filter(country="TN").values_list("code", flat=True)) == [
        "Report",
        "Trial",
    ]
    assert Authority.objects.filter(country="TN").count() == 1
    workflow = proceeding_workflow("TN")
    assert workflow.allows("Report", "Trial")
    assert not workflow.allows("Trial", "Report")
    # Morocco's table is untouched.
    assert proceeding_workflow("MA").allows("Complaint", "PoliceInvestigation")


def test_a_file_with_a_move_to_an_unknown_stage_is_refused_and_nothing_is_loaded(tmp_path):
    broken = {**OTHER_COUNTRY, "moves": {"Report": ["Nowhere"]}}
    path = tmp_path / "TN.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(CommandError, match="unknown stage"):
        call_command("load_procedure", str(path))
    assert not JusticeStage.objects.filter(country="TN").exists()


def test_stage_labels_follow_the_reader_language():
    from django.utils import translation

    workflow = proceeding_workflow("MA")
    with translation.override("ar"):
        assert workflow.label("Appeal") == "الاستئناف"
    with translation.override("fr"):
        assert workflow.label("Appeal") == "Appel"


def test_article_numbers_in_arabic_offence_names_read_left_to_right():
    from opennrm.justice.models import Offence

    # Without the isolates an Arabic paragraph shows 448-1 as 1-448.
    offence = Offence.objects.get(country="MA", article="448-1")
    assert "\u2066448-1\u2069" in offence.label_ar
    assert "\u206627-14\u2069" in offence.label_ar
