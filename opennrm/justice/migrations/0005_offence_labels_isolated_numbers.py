"""Article numbers (27-14, 448-1) inside the Arabic offence names are isolated left to right
(U+2066...U+2069), so an Arabic reader sees 448-1 and not 1-448, in pages and in menus."""

from typing import Any

from django.db import migrations


def reload(apps: Any, schema_editor: Any) -> None:
    from opennrm.justice.procedures import DATA_DIR, load_offences, read_procedure

    load_offences(
        read_procedure(DATA_DIR / "MA.json"), offence_model=apps.get_model("justice", "Offence")
    )


class Migration(migrations.Migration):
    dependencies = [("justice", "0004_load_morocco_offences")]

    operations = [migrations.RunPython(reload, migrations.RunPython.noop)]
