"""Searching 12345 tickets for one or two characters (张, 欧阳) on PostgreSQL from an index, as 0005 does on SQLite:
a `search_grams` column of the pieces of caller and location, kept by a trigger (whatever writes the ticket),
filled for the existing tickets in batches, and its GIN index built CONCURRENTLY (fazhi.core.grams.GramsIndex).
Nothing happens on SQLite."""

from django.db import migrations

from fazhi.core.grams import GramsIndex


class Migration(migrations.Migration):
    atomic = False  # the filling commits batch by batch; CREATE INDEX CONCURRENTLY

    dependencies = [("hotline", "0005_search_grams")]

    operations = [GramsIndex("hotline_ticket", ("caller", "location"))]
