"""What the tests of short-term search (fazhi.core.grams) share."""

from __future__ import annotations

from django.db import connection


def index_plan(qs) -> str:
    """The query plan of `qs` when it reads the grams index ("" when it does not): the FTS5 table on SQLite, the
    GIN index on PostgreSQL (sequential scans off, since on a test's few rows a scan is cheaper)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(r[-1]) for r in cur.fetchall())
            return plan if "VIRTUAL TABLE" in plan and "_grams" in plan else ""
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN " + sql, params)
        plan = " ".join(r[0] for r in cur.fetchall())
        cur.execute("SET LOCAL enable_seqscan = on")
        return plan if "_grams_idx" in plan and "search_grams @>" in plan else ""
