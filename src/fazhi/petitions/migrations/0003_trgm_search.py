# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns petitions.selectors.filtered_cases searches.
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("petitions", "0002_leader_receptions_and_routed_cases")]

    operations = [TrigramIndexes("petitions_petition", ["number", "petitioner", "subject"])]
