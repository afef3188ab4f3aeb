"""Starting retention rules, for the data protection officer to confirm or change: Law 09-08
asks for a limited period but fixes none for these records [U]. Rules are data (editable on
the retention page, audited)."""

from django.db import migrations

# (kind, closing reason, months, action)
DEFAULT_RULES = [
    ("ClosedCase", "", 120, "Anonymise"),  # a closed case: 10 years after closure
    ("ClosedCase", "NotAVictimOfTrafficking", 60, "Anonymise"),
    ("HotlineContact", "NoAction", 24, "Anonymise"),  # a contact that led to nothing: 2 years
    ("HotlineContact", "InformationGiven", 24, "Anonymise"),
    ("HotlineContact", "HangUpOrPrank", 24, "Anonymise"),
    ("WebReport", "", 12, "Anonymise"),  # a public web report: 1 year
    ("FeedbackAnswer", "", 36, "Anonymise"),  # survivors' free texts: 3 years
]


def add_rules(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for kind, reason, months, action in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(
            record_kind=kind,
            closing_reason=reason,
            defaults={"keep_months": months, "action": action},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_retention_rules_and_legal_holds")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
