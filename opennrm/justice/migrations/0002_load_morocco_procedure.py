"""Morocco's criminal procedure (stages, allowed moves, authorities) from
justice/data/procedures/MA.json; another country loads its own with `manage.py load_procedure`."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from opennrm.justice.procedures import DATA_DIR, load_procedure, read_procedure

    load_procedure(
        read_procedure(DATA_DIR / "MA.json"),
        stage_model=apps.get_model("justice", "JusticeStage"),
        move_model=apps.get_model("justice", "JusticeStageMove"),
        authority_model=apps.get_model("justice", "Authority"),
    )


class Migration(migrations.Migration):
    dependencies = [("justice", "0001_proceedings_stages_authorities")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
