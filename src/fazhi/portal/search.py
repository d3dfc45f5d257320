"""Search across a jurisdiction's public content: every section's entries indexed in an in-memory SQLite FTS5
table with the trigram tokenizer (which finds any run of three or more characters, so Chinese needs no word
segmentation), ranked by bm25. Shorter queries (一、两个汉字) fall back to substring matching over the same rows.
Python's sqlite3 is built with FTS5 on every supported platform, so this works on PostgreSQL deployments too: the
index holds only what is already public and is rebuilt per query from the sections (a jurisdiction's public
content is thousands of rows, indexed in milliseconds; bench/portal_search.py measures it)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fazhi.core.public import PublicEntry

MAX_RESULTS = 50


@dataclass(frozen=True)
class Hit:
    section: str
    entry: PublicEntry
    snippet: str


def _terms(query: str) -> list[str]:
    return [t for t in query.replace("\u3000", " ").split() if t][:8]


def search(sections_entries: list[tuple[str, list[PublicEntry]]], query: str) -> list[Hit]:
    terms = _terms(query)
    if not terms:
        return []
    db = sqlite3.connect(":memory:")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE doc USING fts5(title, body, section UNINDEXED, n UNINDEXED, tokenize='trigram')"
        )
        rows, flat = [], []
        for section_title, entries in sections_entries:
            for e in entries:
                rows.append((e.title, f"{e.summary}\n{e.text}", section_title, len(flat)))
                flat.append((section_title, e))
        db.executemany("INSERT INTO doc(title, body, section, n) VALUES (?, ?, ?, ?)", rows)
        if all(len(t) >= 3 for t in terms):
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
            sql = (
                "SELECT n, snippet(doc, 1, '', '', '…', 24) FROM doc WHERE doc MATCH ? "
                "ORDER BY bm25(doc, 5.0, 1.0) LIMIT ?"
            )
            found = db.execute(sql, (match, MAX_RESULTS)).fetchall()
        else:
            where = " AND ".join("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')" for _ in terms)
            args: list[object] = []
            for t in terms:
                like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                args += [like, like]
            # only "?" placeholders are joined into the statement; the terms are bound parameters
            sql = f"SELECT n, substr(body, 1, 80) FROM doc WHERE {where} ORDER BY (title LIKE ?) DESC, n LIMIT ?"  # noqa: S608
            found = db.execute(sql, (*args, args[0], MAX_RESULTS)).fetchall()
    finally:
        db.close()
    return [Hit(flat[n][0], flat[n][1], snippet.strip()) for n, snippet in found]
