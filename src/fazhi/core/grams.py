"""Search terms of one or two characters (a surname 张, 欧阳; too short for trigrams) answered from an index, on
both engines. A text holds such a term exactly when the term is one of its grams (its one- and two-character
pieces), so the rows found are the substring search's (`LIKE '%张%'`, which reads every row), read from an index.

- SQLite: a row's distinct one- and two-character pieces of letters and digits in an FTS5 table with the ascii
  tokenizer, where every gram is one token. The portal stores the grams in a column of its search index
  (portal.SearchEntry.grams). A table written by many paths (12345 tickets: the services, imports, bulk loads) gets
  its grams from SQLite itself: `fazhi_grams(text)` is a function registered on every SQLite connection Django
  opens, and triggers (`sqlite_index_sql`) keep a contentless FTS5 table of the grams of the searched columns,
  whatever wrote the row.
- PostgreSQL (`GramsIndex`): a `search_grams text[]` column of every one- and two-character piece of each searched
  column, set by a plpgsql trigger before every insert and every update of those columns (so bulk_create, COPY and
  raw SQL keep it too), with a GIN index that `search_grams @> ARRAY['张']` reads. The column is stored rather than
  an expression index because a bitmap page gone lossy, or a term common enough for a scan, evaluates the index
  condition row by row: on a stored array that is a cheap containment test, on a computed one the whole grams
  function (about 15 µs a row, 15 s at a million rows). The pieces here are not limited to letters and digits
  (PostgreSQL's idea of a letter depends on the locale); only terms of letters and digits are looked up, and a
  piece holding a space or a newline is never one of them."""

from __future__ import annotations

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.migrations.operations.base import Operation
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from fazhi.core.indexes import concurrently

SQL_FUNCTION = "fazhi_grams"
#: PostgreSQL: the column of a row's grams (`GramsIndex`); not a model field, the trigger alone writes it
PG_COLUMN = "search_grams"


def grams_of(doc: str) -> str:
    """The distinct one- and two-character pieces of `doc` made of letters and digits, space-separated in order of
    first appearance: what a term of one or two such characters is looked up in."""
    seen: dict[str, None] = {}
    prev = ""
    for ch in doc:
        if ch.isalnum():
            seen[ch] = None
            if prev:
                seen[prev + ch] = None
            prev = ch
        else:
            prev = ""
    return " ".join(seen)


def indexed_short(term: str) -> bool:
    """A term the grams index answers: one or two letters or digits."""
    return len(term) < 3 and term.isalnum()


def _sql_grams(*texts: str | None) -> str:
    return grams_of("\n".join(t for t in texts if t))


def register(sender, connection, **kwargs) -> None:
    """`fazhi_grams(a, b, ...)`: the grams of the texts (NULLs skipped), pieces not spanning two texts."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, -1, _sql_grams, deterministic=True)


connection_created.connect(register, dispatch_uid="fazhi.core.grams")


def sqlite_index_sql(table: str, columns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The SQL that builds (and drops) `<table>_grams`, the grams of `columns` by rowid, kept by triggers."""
    fts = f"{table}_grams"

    def grams(row: str) -> str:
        return f"{SQL_FUNCTION}({', '.join(f'{row}.{c}' for c in columns)})"

    add = f"INSERT INTO {fts}(rowid, grams) VALUES (new.id, {grams('new')})"  # noqa: S608  # names, no input
    remove = f"INSERT INTO {fts}({fts}, rowid, grams) VALUES ('delete', old.id, {grams('old')})"  # noqa: S608
    up = [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(grams, content='', tokenize='ascii')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add}; END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove}; END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {', '.join(columns)} ON {table} BEGIN {remove}; {add}; END",
        f"INSERT INTO {fts}(rowid, grams) SELECT id, {SQL_FUNCTION}({', '.join(columns)}) FROM {table}",  # noqa: S608
    ]
    down = [f"DROP TRIGGER IF EXISTS {fts}_{t}" for t in ("au", "ad", "ai")] + [f"DROP TABLE IF EXISTS {fts}"]
    return up, down


def holding(table: str, fts: str, terms: list[str]) -> RawSQL | Q:
    """The rows of `table` whose grams hold every one of `terms` (terms `indexed_short`): on SQLite those of FTS5
    table `fts` (the id as a lookup, which Django names by the query's alias: inside a subquery of the same
    table, core.web.rows_by_id, the table's own name would correlate it with the outer row), on PostgreSQL the
    `search_grams` column (`GramsIndex`)."""
    if connection.vendor == "postgresql":
        sql = f"{table}.{PG_COLUMN} @> %s::text[]"
        return RawSQL(sql, [terms], output_field=BooleanField())  # noqa: S611  # constant SQL, bound terms
    match = " AND ".join(f'"{t}"' for t in terms)  # letters and digits only: nothing to escape
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608
    return Q(pk__in=RawSQL(sql, [match]))  # noqa: S611  # constant SQL, bound terms


def reads_index(qs) -> bool:
    """PostgreSQL: whether the planner answers `qs`'s grams condition from the GIN index. When it does not (it
    expects the terms in most rows), it tests each row's grams array, and its cost model does not charge for
    reading a long array stored out of line: a caller with a plain text test of the same terms is then better
    off with that (portal.search)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute("EXPLAIN " + sql, params)
        plan = " ".join(r[0] for r in cur.fetchall())
    return "Index Scan on " in plan and "_grams_idx" in plan


#: the trigger function's body: the pieces of each column by itself (none spans two columns); plpgsql appends to
#: an array in place, so this is linear in the text's length. Long texts (a portal document) repeat pieces: their
#: array is made distinct, short ones are stored as they come (a sort would cost more than the few repeats).
_PG_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    grams text[] := '{{}}';
    t text;
    c text[];
    i int;
BEGIN
    FOREACH t IN ARRAY ARRAY[{texts}]::text[] LOOP
        CONTINUE WHEN t IS NULL;
        c := string_to_array(t, NULL);
        grams := grams || c;
        FOR i IN 1 .. cardinality(c) - 1 LOOP
            grams := grams || (c[i] || c[i + 1]);
        END LOOP;
    END LOOP;
    IF cardinality(grams) > 64 THEN
        grams := ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g);
    END IF;
    NEW.{column} := grams;
    RETURN NEW;
END
$$"""


class GramsIndex(Operation):
    """PostgreSQL's index of one- and two-character terms on `columns` of `table` (see the module): the column,
    the trigger that keeps it, the existing rows filled in batches of `batch` ids (each committed by itself when
    the migration says `atomic = False`, so the table is never locked for long), and the GIN index, built
    CONCURRENTLY outside a transaction (plainly on a partitioned table: core.indexes.concurrently). Nothing happens
    on SQLite (see `sqlite_index_sql`).

        class Migration(migrations.Migration):
            atomic = False
            operations = [GramsIndex("hotline_ticket", ("caller", "location"))]"""

    reversible = True
    reduces_to_sql = False

    def __init__(self, table: str, columns: list[str] | tuple[str, ...], *, batch: int = 20000):
        self.table = table
        self.columns = tuple(columns)
        self.batch = batch

    def deconstruct(self):
        return (self.__class__.__name__, [self.table, list(self.columns)], {"batch": self.batch})

    def state_forwards(self, app_label, state):
        pass  # a column and an index the models do not declare: the model state is unchanged

    def describe(self) -> str:
        return f"grams index of {self.table} ({', '.join(self.columns)}), PostgreSQL only"

    def _names(self) -> tuple[str, str]:
        return f"{self.table}_grams"[:63], f"{self.table}_grams_idx"[:63]  # trigger (and its function), index

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        q = schema_editor.quote_name
        table, col = q(self.table), q(PG_COLUMN)
        trigger, index = self._names()
        changed = " OR ".join(f"OLD.{q(c)} IS DISTINCT FROM NEW.{q(c)}" for c in (*self.columns, PG_COLUMN))
        texts = ", ".join(f"NEW.{q(c)}" for c in self.columns)
        for sql in [
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} text[]",
            _PG_TRIGGER_FUNCTION.format(fn=q(trigger), texts=texts, column=col),
            f"CREATE OR REPLACE TRIGGER {q(trigger + '_i')} BEFORE INSERT ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {q(trigger)}()",
            # a write of the column itself is recomputed too: nothing but the trigger sets it
            f"CREATE OR REPLACE TRIGGER {q(trigger + '_u')} BEFORE UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {q(trigger)}()",
        ]:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cur:
            cur.execute(f"SELECT min(id), max(id) FROM {table}")  # noqa: S608  # quoted names, no input
            low, high = cur.fetchone()
        # the rows written before the trigger: setting the column fires it (an empty array differs from NULL)
        for start in range(low or 0, (high or -1) + 1, self.batch):
            schema_editor.execute(
                f"UPDATE {table} SET {col} = '{{}}' WHERE id >= %s AND id < %s AND {col} IS NULL",  # noqa: S608
                [start, start + self.batch],
            )
        how = " CONCURRENTLY" if concurrently(schema_editor.connection, self.table) else ""
        schema_editor.execute(f"CREATE INDEX{how} IF NOT EXISTS {q(index)} ON {table} USING gin ({col})")
        schema_editor.execute(f"ANALYZE {table}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        q = schema_editor.quote_name
        trigger, index = self._names()
        how = " CONCURRENTLY" if concurrently(schema_editor.connection, self.table) else ""
        for sql in [
            f"DROP INDEX{how} IF EXISTS {q(index)}",
            f"DROP TRIGGER IF EXISTS {q(trigger + '_u')} ON {q(self.table)}",
            f"DROP TRIGGER IF EXISTS {q(trigger + '_i')} ON {q(self.table)}",
            f"DROP FUNCTION IF EXISTS {q(trigger)}()",
            f"ALTER TABLE {q(self.table)} DROP COLUMN IF EXISTS {q(PG_COLUMN)}",
        ]:
            schema_editor.execute(sql)
