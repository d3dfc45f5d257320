# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns mediation.selectors.filtered_cases searches.
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("mediation", "0003_register_constraint_messages")]

    operations = [TrigramIndexes("mediation_dispute", ["number", "parties", "summary", "committee"])]
