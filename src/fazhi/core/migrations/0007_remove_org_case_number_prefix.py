"""Org.case_number_prefix is gone: the prefixes now live in NumberSequence (案号规则), copied there by each numbering
app's own data migration (which runs before this one)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_number_sequences"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicalorg", name="case_number_prefix"),
        migrations.RemoveField(model_name="org", name="case_number_prefix"),
    ]
