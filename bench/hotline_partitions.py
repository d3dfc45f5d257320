"""12345 tickets on PostgreSQL, partitioned by year (hotline 0008) and not, side by side in one process: bulk
intake through the import service, the open-ticket list's first page, the city-year figures and a province-wide
figure over the whole table.

    FAZHI_DATABASE_URL=postgres://…/fazhi python bench/hotline_partitions.py --tickets 1000000

The database FAZHI_DATABASE_URL names (migrated, so partitioned) gets the demo city and N tickets over two years
(bench/hotline_speed.generate, bulk inserts through the partitioned table and its triggers); a copy of it,
`<name>_plain`, is made from it as a template and migrated back to hotline 0007 (one plain table: the copy-and-swap
of the migration, timed). Each path is then called on one and the other alternately (`connections["default"]`
swapped as tests/databases.use does), so the machine's load falls on both. A second run reuses both databases."""

from __future__ import annotations

import argparse
import statistics
import time

from _setup import timed
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Count, Q
from django.utils import timezone
from hotline_speed import KEYS, ensure_city, generate, import_rows

from fazhi.core.models import Membership
from fazhi.core.pagination import keyset_page
from fazhi.hotline import partitions, selectors
from fazhi.hotline.choices import Status
from fazhi.hotline.models import Ticket
from fazhi.indicators.registry import Period, compute


def wrapper(name: str):
    base = connections["default"]
    return base.__class__({**base.settings_dict, "NAME": name}, "default")


def make_plain(name: str) -> None:
    """`<name>_plain`: a copy of the bench database with the ticket table unpartitioned (hotline 0007)."""
    plain = f"{name}_plain"
    with connection.cursor() as c:
        c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [plain])
        exists = c.fetchone() is not None
    if exists:
        other = wrapper(plain)
        with other.cursor() as c:
            c.execute("SELECT count(*) FROM hotline_ticket")
            same = c.fetchone()[0] == Ticket.objects.count()
        other.close()
        if same:
            return
    connection.close()
    admin = wrapper("postgres")
    with admin.cursor() as c:
        if exists:
            c.execute(f'DROP DATABASE "{plain}"')
        c.execute(f'CREATE DATABASE "{plain}" TEMPLATE "{name}"')
    admin.close()
    original = connections["default"]
    connections["default"] = wrapper(plain)
    try:
        t = time.perf_counter()
        call_command("migrate", "hotline", "0007", verbosity=0)
        n = Ticket.objects.count()
        print(f"unpartitioned the copy (copy and swap of {n:,} tickets) in {time.perf_counter() - t:.1f} s")
    finally:
        connections["default"].close()
        connections["default"] = original


def province_figure(year: int) -> dict:
    """A province-wide figure: every org's tickets of the year, received, closed and closed on time."""
    return Ticket.objects.filter(received_on__year=year).aggregate(
        received=Count("id"),
        closed=Count("id", filter=Q(closed_on__isnull=False)),
        on_time=Count("id", filter=Q(on_time=True)),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=1000000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--import-rows", type=int, default=5000)
    args = ap.parse_args()
    assert connection.vendor == "postgresql", "PostgreSQL only: SQLite keeps one table"
    today = timezone.localdate()
    root = ensure_city()
    # the years of the data get their partitions first (`fazhi hotline-partitions --year`), as a yearly cron
    # keeps them; a year's tickets already in the default partition move (timed)
    t = time.perf_counter()
    with transaction.atomic():
        made = [y for y in range(today.year - 2, today.year + 1) if partitions.ensure_year(y)]
    if made:
        print(
            f"partitions {made} created (their tickets moved out of the default) in {time.perf_counter() - t:.1f} s"
        )
    t = time.perf_counter()
    have = Ticket.objects.count()
    generate(root, args.tickets, today)
    if Ticket.objects.count() > have:
        rate = (Ticket.objects.count() - have) / (time.perf_counter() - t)
        print(f"bulk generation into the partitioned table: {rate:,.0f} tickets/s")
    User = get_user_model()
    office, _ = User.objects.get_or_create(username="bench-hotline-office")
    Membership.objects.get_or_create(user=office, org=root, role="office")
    name = connection.settings_dict["NAME"]
    make_plain(name)

    sides = {"partitioned": connections["default"], "plain": wrapper(f"{name}_plain")}
    with sides["partitioned"].cursor() as c:
        assert partitions.is_partitioned(c)
    with sides["plain"].cursor() as c:
        assert not partitions.is_partitioned(c)
    print(f"tickets: {Ticket.objects.count():,} on each side")

    year = today.year - 1  # a whole year of the generated two
    period = Period.year(year)
    f = selectors.CaseFilters
    paths = [
        (
            "open-ticket list, first page (office)",
            lambda: keyset_page(
                selectors.filtered_cases(office, f(status=Status.DISPATCHED)).select_related("org", "unit"),
                date_field="received_on",
            ),
        ),
        ("city-year figures (4 keys)", lambda: compute(root, period, KEYS)),
        ("province-wide figure, year", lambda: province_figure(year)),
    ]
    results: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeat):  # alternate the sides call by call
        for label, fn in paths:
            for side, conn in sides.items():
                connections["default"] = conn
                results.setdefault((label, side), []).extend(timed(fn, 1))
    connections["default"] = sides["partitioned"]
    answers = {}
    for side, conn in sides.items():
        connections["default"] = conn
        answers[side] = (province_figure(year), compute(root, period, KEYS))
    connections["default"] = sides["partitioned"]
    assert answers["partitioned"] == answers["plain"], answers
    print(f"{'path':<40} {'partitioned p50/p95 ms':>24} {'plain p50/p95 ms':>20} {'plain/part':>10}")
    for label, _fn in paths:
        a, b = results[(label, "partitioned")], results[(label, "plain")]
        pa, pb = sorted(a)[int(0.95 * len(a)) - 1], sorted(b)[int(0.95 * len(b)) - 1]
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"{label:<40} {ma:10.1f} / {pa:8.1f}    {mb:8.1f} / {pb:8.1f} {mb / ma:9.2f}x")
    print(f"answers equal on both sides: province {answers['plain'][0]}")
    if args.import_rows:
        for side, conn in sides.items():
            connections["default"] = conn
            print(side, end=": ")
            import_rows(args.import_rows, root, office)
            Ticket.objects.filter(number__startswith="IMP").delete()
        connections["default"] = sides["partitioned"]


if __name__ == "__main__":
    main()
