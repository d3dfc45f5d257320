"""Terms of one or two characters on PostgreSQL from an index, as 0003 does on SQLite: a `search_grams` column of
the pieces of `doc`, kept by a trigger, filled for the existing rows, and its GIN index
(fazhi.core.grams.GramsIndex). Nothing happens on SQLite, whose index reads the `grams` field."""

from django.db import migrations

from fazhi.core.grams import GramsIndex


class Migration(migrations.Migration):
    atomic = False  # the filling commits batch by batch; CREATE INDEX CONCURRENTLY

    dependencies = [("portal", "0003_search_grams")]

    operations = [GramsIndex("portal_searchentry", ("doc",))]
