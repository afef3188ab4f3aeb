"""Age bands of the cases already registered, from the encrypted dates of birth (the keys are
those of the running installation)."""

from typing import Any

from django.db import migrations


def backfill(apps: Any, schema_editor: Any) -> None:
    from opennrm.cases.ages import age_band

    case_model = apps.get_model("cases", "Case")
    for case in case_model.objects.select_related("person").iterator(chunk_size=2000):
        band = age_band(case.person.birth_date, case.identified_on)
        if band:
            case_model.objects.filter(pk=case.pk).update(age_band=band)


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_case_age_band_at_first_contact")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
