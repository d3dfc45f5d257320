"""A migration operation for list-page text search on PostgreSQL (issue 17): pg_trgm GIN indexes on the columns the
casework kit's `search` (`icontains`: Django writes `UPPER(col::text) LIKE UPPER('%词%')`) or a plain `contains`
(`col::text LIKE '%词%'`) reads, so that a rare name or a case number is found through the index instead of a
scan of the table. Nothing happens on SQLite (its LIKE cannot use such an index).

    class Migration(migrations.Migration):
        atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while the index is built
        dependencies = [...]
        operations = [TrigramIndexes("litigation_litigationcase", ["case_number", "plaintiff"])]

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it; the operation does so when it
is missing. Inside an atomic migration the indexes are built without CONCURRENTLY."""

from __future__ import annotations

from django.db.migrations.operations.base import Operation


class TrigramIndexes(Operation):
    reversible = True
    reduces_to_sql = False

    def __init__(self, table: str, columns: list[str], *, upper: bool = True):
        self.table = table
        self.columns = list(columns)
        self.upper = upper  # index UPPER(col::text), for icontains; else col, for contains

    def deconstruct(self):
        return (self.__class__.__name__, [self.table, self.columns], {"upper": self.upper})

    def state_forwards(self, app_label, state):
        pass  # an index the models do not declare: the model state is unchanged

    def _name(self, column: str) -> str:
        return f"{self.table}_{column}_trgm"[:63]

    def _how(self, schema_editor) -> str:
        return "" if schema_editor.connection.in_atomic_block else " CONCURRENTLY"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        q = schema_editor.quote_name
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for col in self.columns:
            expr = f"UPPER({q(col)}::text)" if self.upper else q(col)
            schema_editor.execute(
                f"CREATE INDEX{self._how(schema_editor)} IF NOT EXISTS {q(self._name(col))} "
                f"ON {q(self.table)} USING gin (({expr}) gin_trgm_ops)"
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for col in self.columns:
            schema_editor.execute(
                f"DROP INDEX{self._how(schema_editor)} IF EXISTS {schema_editor.quote_name(self._name(col))}"
            )

    def describe(self) -> str:
        return f"pg_trgm GIN indexes on {self.table} ({', '.join(self.columns)}), PostgreSQL only"
