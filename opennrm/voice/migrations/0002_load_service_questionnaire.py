"""The first survivor questionnaire (voice/data/service-questionnaire-v1.json)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from opennrm.voice.questionnaires import DATA_DIR, load_questionnaire

    load_questionnaire(
        DATA_DIR / "service-questionnaire-v1.json",
        questionnaire_model=apps.get_model("voice", "Questionnaire"),
        question_model=apps.get_model("voice", "Question"),
    )


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_feedback_and_complaints")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
