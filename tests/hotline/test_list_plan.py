"""The 12345 list page's count is index ranges, never a scan, and with a state filter reads only the scope-count
indexes (hl_scope_org_s, hl_scope_unit_s), for a county office and a unit clerk: on SQLite with no statistics (an office's database is never
ANALYZEd) and with the statistics of 1M bench tickets (one hotline takes every ticket), under which the count of
the open tickets went through the state index or a unit index reading the table (seconds at 1M tickets,
bench/hotline_list_speed.py --pages). And the page asks the ticket table no more than the count's pieces and one
page of rows. A list of few rows (the overdue tickets, a unit clerk's deep page) reads them through index ranges by
id and sorts them, never walking the date index checking each row (3-13 s at 1M tickets), and shows the same rows
in the same order as the walk."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core import web
from fazhi.hotline.models import Ticket
from tests.hotline import factories

pytestmark = pytest.mark.django_db
TABLE = Ticket._meta.db_table

#: sqlite_stat1 of bench/hotline_list_speed.py's 1M tickets after ANALYZE (two states, one hotline, 80 units; the
#: indexes a list never reads left out)
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
    "hotline_ticket_unique_org_number": "1000000 1000000 1",
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


def sqlite_queries(client, query: str, statistics: str, *, counts: bool) -> list[str]:
    """The list page's counts (or its other queries) of the ticket table, under SQLite's planner with no
    statistics or the bench's."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner; PostgreSQL plans by its statistics (bench/hotline_list_speed.py)")
    if statistics == "bench":
        bench_statistics()
    return [sql for sql in ticket_queries(client, f"/hotline/?{query}") if ("COUNT(" in sql) == counts]


@pytest.fixture
def tickets(tree, office):
    factories.dispatched(office, tree.city, tree.unit_a, number="L001")
    factories.dispatched(office, tree.city, tree.county_unit, number="L002")
    factories.ticket(office, tree.city, number="L003")


@pytest.mark.parametrize("statistics", ["none", "bench"])
@pytest.mark.parametrize("who", ["county_office", "clerk_a"])
@pytest.mark.parametrize("query", ["", "status=dispatched", "status=closed", "status=dispatched&page=1"])
def test_the_count_reads_only_the_scope_indexes(tickets, personas, login, who, query, statistics):
    counts = sqlite_queries(login(getattr(personas, who)), query, statistics, counts=True)
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


@pytest.mark.parametrize("statistics", ["none", "bench"])
@pytest.mark.parametrize(
    "who, query",
    [
        ("office", "due=overdue"),
        ("office", "due=overdue&page=16"),
        ("county_office", "due=overdue&page=16"),
        ("clerk_a", "due=overdue"),
        ("clerk_a", "page=200"),
        ("county_office", "page=200"),
        ("office", "q=王"),  # the grams index's ids: the search names the table, not the subquery's alias
        ("clerk_a", "q=王&page=3"),
    ],
)
def test_few_rows_are_read_by_index_ranges_not_a_walk(tickets, personas, login, who, query, statistics):
    queries = sqlite_queries(login(getattr(personas, who)), query, statistics, counts=False)
    rows = [sql for sql in queries if not sql.startswith('SELECT 1 AS "a"')]  # not a search's 工单编号 lookup
    assert len(rows) == 1, queries
    p = plan(rows[0])
    # every read of the ticket table is a SEARCH of an index range (the ids, then each row by its id): no SCAN,
    # and the date index, walked to spare the sort, is not read at all
    assert (
        "SCAN" not in p.replace("SCAN hotline_ticket_grams VIRTUAL TABLE", "") and "hl_received" not in p
    ), p
    assert "CORRELATED" not in p, (who, query, p)  # each subquery read once, not once a row
    assert "USING INTEGER PRIMARY KEY (rowid=?)" in p, (who, query, p)
    if "overdue" in query and statistics == "bench":
        assert "hl_status_due (status=? AND due_on<?)" in p, (who, query, p)  # the open states' due ranges


@pytest.fixture
def many(tree, office):
    """Tickets of both hotlines at both kinds of unit, on shared days (the id breaks the tie), overdue or not."""
    today = timezone.localdate()
    n = 0
    for days in (400, 400, 380, 380, 380, 5, 5, 0):
        for county, unit in ((False, tree.unit_a), (True, tree.county_unit), (False, tree.county_unit)):
            n += 1
            received = today - timedelta(days=days)
            t = factories.dispatched(
                office, tree.city, unit, number=f"M{n:03d}", received_on=received, on=received
            )
            if county:
                Ticket.objects.filter(pk=t.pk).update(org=tree.county)  # the county's own hotline
    factories.ticket(office, tree.city, number="M999", received_on=date(2025, 1, 2))


@pytest.mark.parametrize("who", ["office", "county_office", "clerk_a"])
@pytest.mark.parametrize(
    "query", ["", "due=overdue", "due=soon", "status=dispatched", "sort=due", "sort=-due"]
)
def test_the_sorted_read_shows_the_walks_rows_in_its_order(many, personas, login, who, query):
    client = login(getattr(personas, who))

    def pages(limit: int) -> list[list[str]]:
        out = []
        with mock.patch.object(web, "SORTED_READ_LIMIT", limit):
            for page in range(1, 8):
                r = client.get(f"/hotline/?{query}&size=3&page={page}")
                assert r.status_code == 200
                out.append([t.number for t in r.context["page"].rows])
        return out

    walked, sorted_read = pages(-1), pages(web.SORTED_READ_LIMIT)
    assert sorted_read == walked and any(walked), (who, query)
