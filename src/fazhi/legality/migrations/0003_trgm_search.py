# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns legality.selectors.filtered_cases searches.
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("legality", "0002_draft_versions")]

    operations = [TrigramIndexes("legality_reviewrequest", ["number", "title", "subject_ref"])]
