"""The 复议机关's case-number prefixes move from Org.case_number_prefix to core's NumberSequence: one row per
复议机关 and year that has cases (the counter at its highest seq), and one for this year when the org has a
prefix and no case yet, so the next number is what it was before."""

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

APP = "reconsideration"


def forwards(apps, schema_editor):
    Org = apps.get_model("core", "Org")
    Case = apps.get_model("reconsideration", "ReconsiderationCase")
    Sequence = apps.get_model("core", "NumberSequence")
    prefixes = dict(Org.objects.exclude(case_number_prefix="").values_list("id", "case_number_prefix"))
    seen = set()
    rows = []
    for org_id, year, last in (
        Case.objects.values("org_id", "year").annotate(last=Max("seq")).values_list("org_id", "year", "last")
    ):
        rows.append(
            Sequence(org_id=org_id, app=APP, year=year, prefix=prefixes.get(org_id, ""), last=last or 0)
        )
        seen.add(org_id)
    this_year = timezone.localdate().year
    rows += [
        Sequence(org_id=o, app=APP, year=this_year, prefix=p) for o, p in prefixes.items() if o not in seen
    ]
    Sequence.objects.bulk_create(rows, batch_size=1000)


def backwards(apps, schema_editor):
    Org = apps.get_model("core", "Org")
    Sequence = apps.get_model("core", "NumberSequence")
    for org_id, prefix in (
        Sequence.objects.filter(app=APP).exclude(prefix="").order_by("year").values_list("org_id", "prefix")
    ):
        Org.objects.filter(pk=org_id).update(case_number_prefix=prefix)
    Sequence.objects.filter(app=APP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_number_sequences"),
        ("reconsideration", "0003_version"),
    ]
    run_before = [("core", "0007_remove_org_case_number_prefix")]

    operations = [migrations.RunPython(forwards, backwards)]
