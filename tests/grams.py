"""What the tests of short-term search (fazhi.core.grams) share."""

from __future__ import annotations

from django.db import connection


def index_plan(qs) -> str:
    """The query plan of `qs` when it reads the grams index ("" when it does not): the FTS5 table on SQLite, the
    GIN index on PostgreSQL (with scans of the table and plain index scans off: on a test's few rows reading the
    table, or an index in the list's order, is cheaper, as it is not at scale; bench/hotline_list_speed.py prints
    the plans at a million tickets)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(r[-1]) for r in cur.fetchall())
            return plan if "VIRTUAL TABLE" in plan and "_grams" in plan else ""
        off = ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan")
        for setting in off:
            cur.execute(f"SET LOCAL {setting} = off")
        cur.execute("EXPLAIN " + sql, params)
        plan = " ".join(r[0] for r in cur.fetchall())
        for setting in off:
            cur.execute(f"RESET {setting}")
        return plan if "_grams_idx" in plan and "search_grams @>" in plan else ""
