"""The partial indexes of a list's count over a scope in disjoint pieces (core.permissions.scoped_count): live
tickets by (org, unit), live dispatched ones by (unit, org), each with voided_at (see the model). Built
CONCURRENTLY on PostgreSQL (core.indexes.AddIndexOnline)."""

from django.db import migrations, models

from fazhi.core.indexes import AddIndexOnline


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("hotline", "0003_ticket_coordinates")]

    operations = [
        AddIndexOnline(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("voided_at__isnull", True)),
                fields=["org", "unit", "voided_at"],
                name="hl_scope_org",
            ),
        ),
        AddIndexOnline(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("unit__isnull", False), ("voided_at__isnull", True)),
                fields=["unit", "org", "voided_at"],
                name="hl_scope_unit",
            ),
        ),
    ]
