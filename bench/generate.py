"""Fill the database FAZHI_DATABASE_URL names with generated 行政复议 / 行政应诉 cases, and time it.

    python bench/generate.py --cases 100000
    python bench/generate.py --cases 1000000 --reset

The demo city (fazhi.demo.city: org tree, 字典, users) is loaded when the database has no orgs; the cases are
spread over the two full years before --as-of and its year to that date (default 2026-06-30: 2024 and 2025
full, 2026 half, whatever today's date) with the demo's mix, scaled to about --cases rows (复议 cases + suits). Rows are written with bulk_create in batches through the generator's bulk path:
derived fields (due dates, 败诉, 负责人出庭) are computed by the services' own rule code, timeline events are
written, **history rows (django-simple-history) are not**. Prints cases/s and rows/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from _setup import django  # noqa: F401  (configures Django)
from django.core.management import call_command
from django.db import connection

from fazhi.core.models import Org
from fazhi.demo import city as demo
from fazhi.demo import generator
from fazhi.law.calendar import shared_calendar
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import ReconsiderationCase

AS_OF = dt.date(2026, 6, 30)  # the stated "today" of the generated data: 2024, 2025 full years, 2026 half


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, required=True, help="about how many case rows to generate")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=5000, help="cases per bulk transaction")
    ap.add_argument("--no-events", action="store_true", help="skip timeline events (fewer rows)")
    ap.add_argument("--reset", action="store_true", help="wipe the whole database first (flush)")
    ap.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=AS_OF,
        help=f"the generated world's today (default {AS_OF}; the data does not depend on the real date)",
    )
    args = ap.parse_args()

    vendor = connection.vendor
    print(f"database: {vendor} {connection.settings_dict['NAME']}", flush=True)
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if args.reset:
        call_command("flush", interactive=False, verbosity=0)
    print(f"migrate{' + flush' if args.reset else ''}: {time.perf_counter() - t0:.1f} s", flush=True)
    if ReconsiderationCase.objects.exists() or LitigationCase.objects.exists():
        print("the database already has cases: use --reset to wipe it first", file=sys.stderr)
        return 2
    if not Org.objects.exists():
        demo.load_org_tree()
        demo.create_users(demo.generate_password())
    elif not Org.objects.filter(code=demo.CITY.code).exists():
        print("the database has orgs but not the demo city: use --reset", file=sys.stderr)
        return 2

    scale = args.cases / generator.expected_cases(1.0, today=args.as_of)
    print(
        f"generating ~{args.cases:,} cases (scale {scale:.1f}) as of {args.as_of}, seed {args.seed}, "
        f"batch {args.batch}",
        flush=True,
    )

    def progress(stats: generator.Stats) -> None:
        print(
            f"  {stats.cases:>10,} cases {stats.rows:>11,} rows {stats.seconds:7.1f} s "
            f"{stats.cases / stats.seconds:>9,.0f} cases/s {stats.rate():>9,.0f} rows/s",
            flush=True,
        )

    cpu0 = time.process_time()
    every = max(1, 100_000 // args.batch)
    calls = iter(range(10**9))
    with shared_calendar():  # one holiday table for every generated case's deadlines
        stats = generator.generate(
            scale=scale,
            seed=args.seed,
            today=args.as_of,
            bulk=True,
            batch=args.batch,
            events=not args.no_events,
            progress=lambda s: progress(s) if next(calls) % every == every - 1 else None,
        )
    print(
        f"done: {stats.recon_cases:,} 复议 + {stats.lit_cases:,} 应诉 = {stats.cases:,} cases, {stats.rows:,} rows "
        f"in {stats.seconds:.1f} s: {stats.cases / stats.seconds:,.0f} cases/s, {stats.rate():,.0f} rows/s "
        f"(no history rows{', no events' if args.no_events else ''}); "
        f"this process used {time.process_time() - cpu0:.1f} s of CPU",
        flush=True,
    )
    t1 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"ANALYZE: {time.perf_counter() - t1:.1f} s", flush=True)
    t2 = time.perf_counter()
    print(generator.format_summary(generator.summary(today=args.as_of)))
    print(f"summary query: {time.perf_counter() - t2:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
