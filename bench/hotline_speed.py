"""12345 ticket paths at scale: list page (first page, office and unit clerk), COUNT of a filtered list, the
city-year figures (受理, 办结, 按时办结率, 满意率), the 分档分类 evaluation, the open-ticket due counts, and the
import (rows/s, all or nothing through fazhi.core.importing).

    FAZHI_VAR_DIR=/tmp/hl100k python bench/hotline_speed.py --tickets 100000
    FAZHI_VAR_DIR=/tmp/hl1m   python bench/hotline_speed.py --tickets 1000000

The database (SQLite under FAZHI_VAR_DIR, or FAZHI_DATABASE_URL) gets the demo city's org tree and N tickets
over two years, written with bulk inserts (no history or timeline rows: they do not touch these paths); a second
run on the same database reuses them. Run at two sizes and compare: the ratio says whether a path grows with
the table (a scan) or not (an index)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import time

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from fazhi.core.due import due_summary, get_source
from fazhi.core.importing import bulk_insert, import_file
from fazhi.core.models import Membership, Org
from fazhi.hotline import demo as hotline_demo
from fazhi.hotline import rules, selectors
from fazhi.hotline.choices import Outcome, Satisfaction, Status
from fazhi.hotline.importers import TicketImporter
from fazhi.hotline.models import Assignment, Ticket
from fazhi.indicators.registry import Period, compute

KEYS = ["hotline.received", "hotline.closed", "hotline.on_time_rate", "hotline.satisfaction_rate"]


def ensure_city() -> Org:
    from fazhi.demo import city

    call_command("migrate", verbosity=0)
    if not Org.objects.filter(code=city.CITY.code).exists():
        city.load_org_tree()
        city.create_users("bench-pass-1234")
    hotline_demo._categories()
    return Org.objects.get(code=city.CITY.code)


def generate(root: Org, n: int, today: dt.date) -> None:
    """n final-state tickets over the last two years, as the demo's bulk path shapes them (lean: no history)."""
    have = Ticket.objects.count()
    if have >= n:
        return
    rng = random.Random(7)  # noqa: S311 - reproducible bench data
    units = list(Org.objects.filter(kind="unit", path__startswith=root.path).order_by("path"))
    weights = [rng.paretovariate(1.2) for _ in units]
    limits = rules.TimeLimits.of(root)
    cats = [c[0] for c in hotline_demo.CATEGORIES]
    start = today - dt.timedelta(days=730)
    t0 = time.perf_counter()
    batch: list[dict] = []
    assigns: list[tuple[int, dict]] = []

    def flush() -> None:
        with transaction.atomic():
            ids = bulk_insert(Ticket, batch, returning=True)
            bulk_insert(Assignment, [{**a, "ticket_id": ids[i]} for i, a in assigns])
        batch.clear()
        assigns.clear()

    for i in range(have, n):
        day = start + dt.timedelta(days=i * 730 // n)
        unit = rng.choices(units, weights=weights)[0]
        code = rng.choice(cats)
        row = {
            "org_id": root.id, "number": f"B{i:09d}", "category": code, "caller": "张三", "content": "诉求",
            "received_on": day, "status": Status.RECEIVED, "created_at": dt.datetime.now(dt.UTC),
        }  # fmt: skip
        disp = day + dt.timedelta(days=rng.choice((0, 1)))
        if disp <= today:
            due = limits.due(disp, code, "normal")
            row.update(unit_id=unit.id, dispatched_on=disp, due_on=due, status=Status.DISPATCHED)
            a = {"unit_id": unit.id, "dispatched_on": disp, "due_on": due, "outcome": Outcome.HOLDING}
            replied = disp + dt.timedelta(days=rng.randint(1, 9))
            if replied <= today - dt.timedelta(days=3):
                closed = replied + dt.timedelta(days=1)
                sat = rng.choice(
                    [Satisfaction.SATISFIED] * 8 + [Satisfaction.BASIC, Satisfaction.DISSATISFIED]
                )
                row.update(
                    signed_on=disp, replied_on=replied, reply="已办理", on_time=replied <= due,
                    closed_on=closed, visited_on=closed + dt.timedelta(days=1), satisfaction=sat,
                    status=Status.CLOSED,
                )  # fmt: skip
                a.update(signed_on=disp, ended_on=replied, outcome=Outcome.REPLIED)
            assigns.append((len(batch), a))
        batch.append(row)
        if len(batch) >= 20000:
            flush()
    if batch:
        flush()
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            c.execute("ANALYZE")
        else:
            c.execute("ANALYZE hotline_ticket")
    print(f"generated {n - have:,} tickets in {time.perf_counter() - t0:.1f} s")


def import_rows(rows: int, root: Org, user) -> None:
    """A CSV export of the platform (rows tickets) imported all-or-nothing; prints rows/s."""
    headers = [c.header for c in TicketImporter.columns]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    unit = Org.objects.filter(kind="unit", parent=root).order_by("path").first()
    base = dt.date(2025, 3, 3)
    for i in range(rows):
        d = base + dt.timedelta(days=i % 200)
        w.writerow(
            [f"IMP{i:08d}", root.code, d, "电话", "投诉", "城乡建设", "一般", "李四", "13800000000", "和平路1号",
             "噪音扰民", unit.code, d, d, d + dt.timedelta(days=3), "已处理", d + dt.timedelta(days=4),
             d + dt.timedelta(days=5), "满意"]
        )  # fmt: skip
    data = buf.getvalue().encode("utf-8")
    t = time.perf_counter()
    result = import_file("hotline", data, user=user, filename="tickets.csv")
    seconds = time.perf_counter() - t
    assert result.ok, result.messages()[:5]
    print(
        f"{'import (CSV, all or nothing)':<48} {rows:,} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s"
    )
    Ticket.objects.filter(number__startswith="IMP").delete() if rows <= 5000 else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--import-rows", type=int, default=20000)
    args = ap.parse_args()
    from django.utils import timezone

    today = timezone.localdate()
    root = ensure_city()
    generate(root, args.tickets, today)
    User = get_user_model()
    office, _ = User.objects.get_or_create(username="bench-hotline-office")
    Membership.objects.get_or_create(user=office, org=root, role="office")
    unit = (
        Ticket.objects.filter(unit__isnull=False).values("unit_id").order_by("unit_id").first() or {}
    ).get("unit_id")
    clerk, _ = User.objects.get_or_create(username="bench-hotline-clerk")
    Membership.objects.get_or_create(user=clerk, org_id=unit, role="clerk")
    print(f"database: {connection.vendor}; tickets {Ticket.objects.count():,}")

    oc, cc = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    oc.force_login(office)
    cc.force_login(clerk)
    year = today.year
    period = Period.year(year)
    f = selectors.CaseFilters
    src = get_source("hotline.ticket")
    from fazhi.core.pagination import keyset_page

    paths = [
        ("empty list page of another app (page baseline)", lambda: oc.get("/litigation/")),
        (
            "first page query only, office",
            lambda: keyset_page(
                selectors.filtered_cases(office, f()).select_related("org", "unit"), date_field="received_on"
            ),
        ),
        ("list page, office, first page", lambda: oc.get("/hotline/")),
        ("list page, office, status=办理中", lambda: oc.get("/hotline/?status=handling")),
        ("list page, office, overdue", lambda: oc.get("/hotline/?due=overdue")),
        ("list page, unit clerk, first page", lambda: cc.get("/hotline/")),
        ("count, office, year", lambda: selectors.filtered_cases(office, f(year=year)).count()),
        (
            "count, office, status=办理中",
            lambda: selectors.filtered_cases(office, f(status="handling")).count(),
        ),
        ("figures, city-year (4 keys)", lambda: compute(root, period, KEYS)),
        ("figures, unit-year (4 keys)", lambda: compute(Org.objects.get(pk=unit), period, KEYS)),
        (
            "分档分类 evaluation, city-year",
            lambda: selectors.unit_evaluation(office, period.start, period.end),
        ),
        ("due counts (open tickets), office", lambda: due_summary(office, today, only=[src])),
    ]
    for name, fn in paths:
        print(summary(name, timed(fn, args.repeat)))
    if args.import_rows:
        import_rows(args.import_rows, root, office)


if __name__ == "__main__":
    main()
