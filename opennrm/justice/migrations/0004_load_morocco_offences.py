"""Morocco's offences (Law 27-14 and related Penal Code articles) from
justice/data/procedures/MA.json."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from opennrm.justice.procedures import DATA_DIR, load_offences, read_procedure

    load_offences(
        read_procedure(DATA_DIR / "MA.json"), offence_model=apps.get_model("justice", "Offence")
    )


class Migration(migrations.Migration):
    dependencies = [("justice", "0003_perpetrators_charges_judgments")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
