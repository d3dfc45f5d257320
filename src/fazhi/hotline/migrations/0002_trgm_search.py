# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns
# hotline.selectors.filtered_cases searches (a plain contains, so no UPPER).
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("hotline", "0001_initial")]

    operations = [TrigramIndexes("hotline_ticket", ["caller", "location"], upper=False)]
