"""On PostgreSQL, the 12345 ticket table becomes range-partitioned by year on received_on, with a default
partition: copied into the partitioned table and swapped in, in one transaction, every row, index, foreign key and
trigger kept (the grams column, its triggers and GIN index of 0006, the covering indexes of 0007);
fazhi.hotline.partitions says how the primary key, the live-number uniqueness and the references to a ticket are
kept. Backwards, the plain table gets all of them back. SQLite keeps one table: nothing runs there. The model's
state does not change."""

from django.db import migrations

from fazhi.hotline.partitions import partition, unpartition


class Migration(migrations.Migration):
    dependencies = [("hotline", "0007_scope_count_status")]

    operations = [migrations.RunPython(partition, unpartition)]
