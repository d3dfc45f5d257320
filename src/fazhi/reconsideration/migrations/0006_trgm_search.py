# List-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns reconsideration.selectors.filtered_cases searches.
from django.db import migrations

from fazhi.core.trigram import TrigramIndexes


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the indexes are built

    dependencies = [("reconsideration", "0005_void")]

    operations = [
        TrigramIndexes(
            "reconsideration_reconsiderationcase", ["number", "applicant_summary", "act_description"]
        )
    ]
