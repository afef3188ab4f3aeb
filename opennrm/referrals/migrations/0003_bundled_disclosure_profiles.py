"""Load the disclosure profiles shipped in opennrm/referrals/data."""

from django.db import migrations


def load(apps, schema_editor):
    from opennrm.referrals.bundled import bundled_profiles

    DisclosureProfile = apps.get_model("referrals", "DisclosureProfile")
    for position, profile in enumerate(bundled_profiles()):
        DisclosureProfile.objects.get_or_create(
            key=profile["key"],
            defaults={
                "name_en": profile["name_en"],
                "name_fr": profile["name_fr"],
                "name_ar": profile["name_ar"],
                "fields": profile["fields"],
                "sort_order": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("referrals", "0002_referrals_disclosure_profiles_links")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
