"""AddIndexOnline / RemoveIndexOnline: a migration's AddIndex / RemoveIndex that on PostgreSQL builds or drops the
index CONCURRENTLY (the table stays writable while a million rows are indexed; the migration must say
`atomic = False`), and plainly elsewhere.

    class Migration(migrations.Migration):
        atomic = False
        operations = [AddIndexOnline(model_name="ticket", index=models.Index(...))]"""

from __future__ import annotations

from django.db.migrations.operations import AddIndex, RemoveIndex


def _online(schema_editor, table: str) -> dict:
    c = schema_editor.connection
    if c.vendor != "postgresql" or c.in_atomic_block:
        return {}
    with c.cursor() as cursor:  # PostgreSQL 15 cannot build an index CONCURRENTLY on a partitioned table
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [table])
        if cursor.fetchone():
            return {}  # built plainly on every partition (writes wait); see fazhi.hotline.partitions
    return {"concurrently": True}


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
