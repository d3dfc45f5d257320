"""Search across a jurisdiction's public content: every section's entries indexed in an in-memory SQLite FTS5
table with the trigram tokenizer (which finds any run of three or more characters, so Chinese needs no word
segmentation), ranked by bm25. Shorter queries (一、两个汉字) fall back to substring matching over the same rows.
Python's sqlite3 is built with FTS5 on every supported platform, so this works on PostgreSQL deployments too: the
index holds only what is already public. It is built from the sections' entries and kept per process while they
are unchanged (a digest of every entry's text is the key), so a search after a publication sees it at once
(bench/portal_search.py measures building, querying and a plain scan)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
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


class _Index:
    """One FTS5 table over a pool of entries, kept while the pool is unchanged."""

    def __init__(self, pool: list[tuple[str, list[PublicEntry]]]):
        self.flat: list[tuple[str, PublicEntry]] = []
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.lock = threading.Lock()
        self.db.execute("CREATE VIRTUAL TABLE doc USING fts5(title, body, n UNINDEXED, tokenize='trigram')")
        rows = []
        for section_title, entries in pool:
            for e in entries:
                rows.append((e.title, f"{e.summary}\n{e.text}", len(self.flat)))
                self.flat.append((section_title, e))
        self.db.executemany("INSERT INTO doc(title, body, n) VALUES (?, ?, ?)", rows)

    def query(self, terms: list[str]) -> list[tuple[int, str]]:
        with self.lock:
            if all(len(t) >= 3 for t in terms):
                match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
                sql = (
                    "SELECT n, snippet(doc, 1, '', '', '…', 24) FROM doc WHERE doc MATCH ? "
                    "ORDER BY bm25(doc, 5.0, 1.0) LIMIT ?"
                )
                return self.db.execute(sql, (match, MAX_RESULTS)).fetchall()
            where = " AND ".join("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')" for _ in terms)
            args: list[object] = []
            for t in terms:
                like = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                args += [like, like]
            # only "?" placeholders are joined into the statement; the terms are bound parameters
            sql = f"SELECT n, substr(body, 1, 80) FROM doc WHERE {where} ORDER BY (title LIKE ?) DESC, n LIMIT ?"  # noqa: S608
            return self.db.execute(sql, (*args, args[0], MAX_RESULTS)).fetchall()


_INDEXES: OrderedDict[str, _Index] = OrderedDict()
_INDEXES_LOCK = threading.Lock()
KEEP = 8  # indexes kept per process (one per jurisdiction searched lately)


def _fingerprint(pool: list[tuple[str, list[PublicEntry]]]) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for section_title, entries in pool:
        h.update(section_title.encode())
        for e in entries:
            h.update(f"\x1f{e.url}\x1f{e.title}\x1f{e.on}\x1f{e.summary}\x1f{e.text}".encode())
    return h.hexdigest()


def index_for(pool: list[tuple[str, list[PublicEntry]]]) -> _Index:
    """The index of exactly these entries: reused while nothing public changed, rebuilt as soon as anything did."""
    key = _fingerprint(pool)
    with _INDEXES_LOCK:
        index = _INDEXES.get(key)
        if index is not None:
            _INDEXES.move_to_end(key)
            return index
    index = _Index(pool)
    with _INDEXES_LOCK:
        _INDEXES[key] = index
        while len(_INDEXES) > KEEP:
            _INDEXES.popitem(last=False)[1].db.close()
    return index


def search(pool: list[tuple[str, list[PublicEntry]]], query: str) -> list[Hit]:
    terms = _terms(query)
    if not terms:
        return []
    index = index_for(pool)
    return [Hit(index.flat[n][0], index.flat[n][1], snippet.strip()) for n, snippet in index.query(terms)]
