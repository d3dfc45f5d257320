"""Search terms of one or two characters (a surname 张, 欧阳; too short for trigrams) answered from an index on
SQLite: a row's distinct one- and two-character pieces of letters and digits (its grams) in an FTS5 table with the
ascii tokenizer, where every gram is one token. A text holds such a term exactly when its grams hold it, so the
rows found are the substring search's (`LIKE '%张%'`, which reads every row), read from an index.

The portal stores the grams in a column of its search index (portal.SearchEntry.grams). A table written by many
paths (12345 tickets: the services, imports, bulk loads) gets its grams from SQLite itself: `fazhi_grams(text)`
is a function registered on every SQLite connection Django opens, and triggers (`sqlite_index_sql`) keep a
contentless FTS5 table of the grams of the searched columns, whatever wrote the row."""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

SQL_FUNCTION = "fazhi_grams"


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


def holding(table: str, fts: str, terms: list[str]) -> RawSQL:
    """The rows of `table` whose grams (in FTS5 table `fts`) hold every one of `terms` (terms `indexed_short`)."""
    match = " AND ".join(f'"{t}"' for t in terms)  # letters and digits only: nothing to escape
    sql = f"{table}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608
    return RawSQL(sql, [match], output_field=BooleanField())  # noqa: S611  # constant SQL, bound terms
