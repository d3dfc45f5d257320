"""The 12345 list page's count is index ranges, never a scan, and with a state filter reads only the scope-count
indexes (hl_scope_org_s, hl_scope_unit_s), for a county office and a unit clerk: on SQLite with no statistics (an office's database is never
ANALYZEd) and with the statistics of 1M bench tickets (one hotline takes every ticket), under which the count of
the open tickets went through the state index or a unit index reading the table (seconds at 1M tickets,
bench/hotline_list_speed.py --pages). And the page asks the ticket table no more than the count's pieces and one
page of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.hotline.models import Ticket
from tests.hotline import factories

pytestmark = pytest.mark.django_db
TABLE = Ticket._meta.db_table

#: sqlite_stat1 of bench/hotline_list_speed.py's 1M tickets after ANALYZE (two states, one hotline, 80 units)
BENCH_STATS = {
    "hl_org_closed": "1000000 1000000 1374 728",
    "hl_org_received": "1000000 1000000 1370 1",
    "hl_org_recv_status": "1000000 1000000 1370 1354",
    "hl_org_visited": "1000000 1000000 1374 459",
    "hl_received": "1000000 1370 1",
    "hl_scope_org_s": "1000000 1000000 500000 6250 6250",
    "hl_scope_unit_s": "1000000 12500 6250 6250 6250",
    "hl_status_due": "1000000 500000 1989",
    "hl_status_received": "1000000 500000 1354 1",
    "hl_unit_closed": "1000000 12500 18 10",
    "hl_unit_received": "1000000 12500 18 1",
    "hl_unit_visited": "1000000 12500 18 8",
    "hotline_ticket_org_id_9e028eac": "1000000 1000000",
    "hotline_ticket_unit_id_cc28b4af": "1000000 12500",
}


def bench_statistics() -> None:
    with connection.cursor() as c:
        c.execute(f'ANALYZE "{TABLE}"')  # creates sqlite_stat1
        c.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [TABLE])
        for index, stat in BENCH_STATS.items():
            c.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)", [TABLE, index, stat])
        c.execute("ANALYZE sqlite_schema")  # the planner reloads the statistics


def ticket_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if f'FROM "{TABLE}"' in q["sql"]]


def plan(sql: str) -> str:
    with connection.cursor() as c:
        c.execute("EXPLAIN QUERY PLAN " + sql)
        return " | ".join(str(r[-1]) for r in c.fetchall())


@pytest.fixture
def tickets(tree, office):
    factories.dispatched(office, tree.city, tree.unit_a, number="L001")
    factories.dispatched(office, tree.city, tree.county_unit, number="L002")
    factories.ticket(office, tree.city, number="L003")


@pytest.mark.parametrize("statistics", ["none", "bench"])
@pytest.mark.parametrize("who", ["county_office", "clerk_a"])
@pytest.mark.parametrize("query", ["", "status=dispatched", "status=closed", "status=dispatched&page=1"])
def test_the_count_reads_only_the_scope_indexes(tickets, personas, login, who, query, statistics):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner; PostgreSQL counts by its statistics (bench/hotline_list_speed.py)")
    if statistics == "bench":
        bench_statistics()
    counts = [
        sql for sql in ticket_queries(login(getattr(personas, who)), f"/hotline/?{query}") if "COUNT(" in sql
    ]
    assert len(counts) == 2  # a piece per org column of the scope (core.permissions.scope_pieces)
    for sql in counts:
        p = plan(sql)
        assert p.startswith("SEARCH") and "SCAN" not in p, (who, query, p)  # an index range, never a scan
        if "status" in query:
            # the state is the scope index's second column: the count reads one range per org of the scope
            assert "USING COVERING INDEX hl_scope_" in p and "status=?" in p, (who, query, p)


@pytest.mark.parametrize("who", ["office", "county_office", "clerk_a"])
def test_the_page_asks_the_ticket_table_for_the_count_and_one_page(tickets, personas, login, who):
    queries = ticket_queries(login(getattr(personas, who)), "/hotline/?status=dispatched")
    counts = [sql for sql in queries if "COUNT(" in sql]
    rows = [sql for sql in queries if "COUNT(" not in sql]
    assert 1 <= len(counts) <= 2 and len(rows) == 1, queries
