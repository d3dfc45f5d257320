"""The scope-count indexes of 0004 take the ticket's state as their second column (org, status, unit, voided_at)
and (unit, status, org, voided_at), so the list of open tickets (?status=) counts one index range per org of the
scope (see the model). Built and dropped CONCURRENTLY on PostgreSQL (core.indexes)."""

from django.db import migrations, models

from fazhi.core.indexes import AddIndexOnline, RemoveIndexOnline


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("hotline", "0006_search_grams_postgresql")]

    operations = [
        AddIndexOnline(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("voided_at__isnull", True)),
                fields=["org", "status", "unit", "voided_at"],
                name="hl_scope_org_s",
            ),
        ),
        AddIndexOnline(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("unit__isnull", False), ("voided_at__isnull", True)),
                fields=["unit", "status", "org", "voided_at"],
                name="hl_scope_unit_s",
            ),
        ),
        RemoveIndexOnline(model_name="ticket", name="hl_scope_org"),
        RemoveIndexOnline(model_name="ticket", name="hl_scope_unit"),
    ]
