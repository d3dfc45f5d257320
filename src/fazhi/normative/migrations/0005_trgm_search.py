# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns normative.selectors.filtered_cases searches.
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("normative", "0004_open_filing_due_index")]

    operations = [
        TrigramIndexes("normative_normativedocument", ["title", "doc_number", "registration_number"])
    ]
