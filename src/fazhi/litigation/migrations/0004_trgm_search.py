# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns litigation.selectors.filtered_cases searches.
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("litigation", "0003_void")]

    operations = [
        TrigramIndexes("litigation_litigationcase", ["case_number", "plaintiff", "act_description"])
    ]
