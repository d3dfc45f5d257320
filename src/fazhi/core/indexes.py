"""AddIndexOnline / RemoveIndexOnline: a migration's AddIndex / RemoveIndex that on PostgreSQL builds or drops the
index CONCURRENTLY (the table stays writable while a million rows are indexed; the migration must say
`atomic = False`), and plainly elsewhere: on SQLite, inside a transaction, and on a partitioned table, which
PostgreSQL 15 cannot index or drop an index of CONCURRENTLY (the plain form builds the index on every partition
while writes wait; 12345 tickets are partitioned by year, fazhi.hotline.partitions). `concurrently` says which,
for other operations (core.grams.GramsIndex).

    class Migration(migrations.Migration):
        atomic = False
        operations = [AddIndexOnline(model_name="ticket", index=models.Index(...))]"""

from __future__ import annotations

from django.db.migrations.operations import AddIndex, RemoveIndex


def partitioned(cursor, table: str) -> bool:
    """PostgreSQL: `table` is a partitioned table."""
    cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [table])
    return cursor.fetchone() is not None


def concurrently(connection, table: str) -> bool:
    """An index of `table` can be built or dropped CONCURRENTLY: PostgreSQL, outside a transaction, on a table
    that is not partitioned."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        return not partitioned(cursor, table)


def _online(schema_editor, table: str) -> dict:
    return {"concurrently": True} if concurrently(schema_editor.connection, table) else {}


class AddIndexOnline(AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index, **_online(schema_editor, model._meta.db_table))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index, **_online(schema_editor, model._meta.db_table))


class RemoveIndexOnline(RemoveIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            index = from_state.models[app_label, self.model_name_lower].get_index_by_name(self.name)
            schema_editor.remove_index(model, index, **_online(schema_editor, model._meta.db_table))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            index = to_state.models[app_label, self.model_name_lower].get_index_by_name(self.name)
            schema_editor.add_index(model, index, **_online(schema_editor, model._meta.db_table))
