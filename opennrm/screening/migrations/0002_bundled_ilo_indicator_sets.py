"""Load the ILO/EC indicator lists shipped in opennrm/screening/data (version 1 of each set)."""

from django.db import migrations


def load(apps, schema_editor):
    from opennrm.screening.bundled import bundled_sets

    IndicatorSet = apps.get_model("screening", "IndicatorSet")
    Dimension = apps.get_model("screening", "Dimension")
    Indicator = apps.get_model("screening", "Indicator")
    for definition in bundled_sets():
        if IndicatorSet.objects.filter(
            slug=definition["slug"], version=definition["version"]
        ).exists():
            continue
        indicator_set = IndicatorSet.objects.create(
            slug=definition["slug"],
            version=definition["version"],
            population=definition["population"],
            exploitation=definition["exploitation"],
            title=definition["title"],
            verified=definition["verified"],
            verification_note=definition["verification_note"],
            dimension_rule=definition["dimension_rule"],
            victim_rule=definition["victim_rule"],
        )
        for dimension_definition in definition["dimensions"]:
            dimension = Dimension.objects.create(
                indicator_set=indicator_set,
                number=dimension_definition["number"],
                name=dimension_definition["name"],
            )
            Indicator.objects.bulk_create(
                Indicator(
                    dimension=dimension,
                    code=row["code"],
                    strength=row["strength"],
                    text=row["text"],
                    position=position,
                )
                for position, row in enumerate(dimension_definition["indicators"])
            )


def unload(apps, schema_editor):
    from opennrm.screening.bundled import bundled_sets

    IndicatorSet = apps.get_model("screening", "IndicatorSet")
    for definition in bundled_sets():
        IndicatorSet.objects.filter(
            slug=definition["slug"], version=definition["version"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_indicator_sets")]
    operations = [migrations.RunPython(load, unload)]
