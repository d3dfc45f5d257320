"""问题台账 at scale: the ledger page (office and a unit's clerk, first page, overdue filter, search), the figures
line on it, and the catalog figures (督察发现问题, 整改率, 整改逾期) for the city.

    FAZHI_DATABASE_URL=sqlite:////tmp/supbench/db.sqlite3 .venv/bin/python -m fazhi migrate
    FAZHI_DATABASE_URL=sqlite:////tmp/supbench/db.sqlite3 .venv/bin/python bench/supervision_speed.py --problems 200000

Problems are bulk-inserted (no history) across the demo city's units when the table holds fewer than asked, then
ANALYZE (as bench/generate.py): without the planner's statistics SQLite sorts the office's whole scope for the
first page (4 s at 200,000 problems) instead of reading the date index until the page is full.
Target: the list page p95 ≤ 100 ms (issue 2's list target); the figures ≤ 500 ms (issue 3's dashboard)."""

from __future__ import annotations

import argparse
import datetime as dt
import random

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from fazhi.core.models import Membership, Org
from fazhi.indicators.registry import Period, compute
from fazhi.supervision.choices import ProblemSource, ProblemStatus
from fazhi.supervision.models import Problem

STATUSES = (
    [ProblemStatus.CLOSED] * 7
    + [ProblemStatus.RECTIFYING] * 2
    + [ProblemStatus.PENDING, ProblemStatus.APPLIED]
)


def fill(n: int) -> None:
    have = Problem.objects.count()
    if have >= n:
        return
    if not Org.objects.filter(code="990100").exists():
        from fazhi.demo import city

        city.load_org_tree()
    units = list(Org.objects.filter(kind="unit", path__startswith="/990100/"))
    rng = random.Random(1)  # noqa: S311 - bench data
    today = timezone.localdate()
    batch = []
    for i in range(have, n):
        unit = rng.choice(units)
        found = today - dt.timedelta(days=rng.randrange(3 * 365))
        status = rng.choice(STATUSES)
        due = found + dt.timedelta(days=rng.choice((30, 60, 90)))
        closed = status == ProblemStatus.CLOSED
        batch.append(
            Problem(
                jurisdiction=unit.jurisdiction(),
                org=unit,
                source=rng.choice(ProblemSource.values),
                category="行政执法",
                description=f"{unit.name}行政处罚案卷文书不规范（第{i + 1}号）",
                found_on=found,
                rectify_due=due,
                measures="修订文书格式" if status != ProblemStatus.PENDING else "",
                status=status,
                applied_on=due if status in (ProblemStatus.APPLIED, ProblemStatus.CLOSED) else None,
                closed_on=due + dt.timedelta(days=3) if closed else None,
            )
        )
        if len(batch) == 5000:
            with transaction.atomic():
                Problem.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Problem.objects.bulk_create(batch)
    with connection.cursor() as cur:  # as bench/generate.py: the planner's statistics after a bulk load
        cur.execute("ANALYZE")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--problems", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    fill(args.problems)
    city = Org.objects.get(code="990100")
    unit = Org.objects.filter(kind="unit", parent=city).order_by("code").first()
    User = get_user_model()
    office, _ = User.objects.get_or_create(username="bench-sup-office")
    Membership.objects.get_or_create(user=office, org=city, role="office")
    clerk, _ = User.objects.get_or_create(username="bench-sup-clerk")
    Membership.objects.get_or_create(user=clerk, org=unit, role="clerk")
    print(f"database: {connection.vendor}; problems {Problem.objects.count():,}")
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(office)
    for label, url in [
        ("office: ledger first page (with figures line)", "/supervision/"),
        ("office: ledger overdue filter", "/supervision/?due=overdue"),
        ("office: ledger status=整改中", "/supervision/?status=rectifying"),
        ("office: ledger search", "/supervision/?q=%E6%96%87%E4%B9%A6"),
    ]:
        assert c.get(url).status_code == 200, url
        print(summary(label, timed(lambda u=url: c.get(u), args.repeat), 100))
    c2 = Client(HTTP_HOST="127.0.0.1")
    c2.force_login(clerk)
    print(
        summary(
            "clerk (own unit): ledger first page", timed(lambda: c2.get("/supervision/"), args.repeat), 100
        )
    )
    keys = [
        "supervision.problems_found",
        "supervision.problems_rectified",
        "supervision.rectification_rate",
        "supervision.rectification_overdue",
    ]
    year = Period.year(timezone.localdate().year - 1)
    values = compute(city, year, keys)
    print("  " + "，".join(f"{values[k].name} {values[k].display()}" for k in keys))
    print(
        summary("city: four ledger figures of last year", timed(lambda: compute(city, year, keys), 10), 500)
    )


if __name__ == "__main__":
    main()
