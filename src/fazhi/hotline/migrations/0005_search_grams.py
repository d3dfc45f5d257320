"""Searching 12345 tickets for one or two characters (张, 欧阳) on SQLite from an index: the grams of the columns
the list's q searches (caller, location; fazhi.core.grams) in a contentless FTS5 table kept by triggers, so every
path that writes a ticket (services, imports, bulk loads) keeps it. PostgreSQL keeps its substring search over the
trigram indexes of 0002 (see hotline.selectors.filtered_cases)."""

from django.db import migrations

from fazhi.core.grams import sqlite_index_sql

UP, DOWN = sqlite_index_sql("hotline_ticket", ("caller", "location"))


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("hotline", "0004_scope_count_indexes")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
