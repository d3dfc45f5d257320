"""执法监督预警 scan over a city-year: `fazhi enforcement-warnings` (services.scan_warnings) on a ledger of ~20k
cases a year.

    python bench/enforcement_warnings.py [--cases 20000] [--repeat 5]

Writes a deterministic ledger straight into the tables (ten units, 60 officers, two officers per case): the
scanned year (2025) and the year before (the history the sudden-jump rule compares with), each `--cases` rows,
with the defects a real ledger has (about 3% of penalty decisions after day 90, 5% published late, a few major
decisions marked without 法制审核, a few officers whose certificate had lapsed on the 立案 date, one unit's month
of a campaign). Then times, on scan day 2026-01-05:

* the first scan (finds everything and writes the new warnings with their history rows), `--repeat` times, each
  over an empty warning table (the warnings of the run before deleted, untimed);
* a re-scan (finds everything again, writes nothing: the daily run of a quiet day), `--repeat` times.

Target: a scan ≤ 2 s (issue 12 §7). Database: a throwaway SQLite file under /tmp, or the one FAZHI_VAR_DIR /
FAZHI_DATABASE_URL names: empty (the ledger is written), or holding this bench's ledger from an earlier run (reused
as it is, its warnings deleted first; so two source trees can be timed on one ledger, FAZHI_BENCH_SRC naming the
other). `--profile` also prints, for one first scan, cProfile's top functions and each SQL statement's time."""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import os
import pstats
import random
import shutil
import tempfile
import time
from decimal import Decimal

THROWAWAY = None
if not os.environ.get("FAZHI_DATABASE_URL") and not os.environ.get("FAZHI_VAR_DIR"):
    THROWAWAY = os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-warnings-")

from _setup import django, summary, timed  # noqa: E402,F401  (Django set up on import)
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from fazhi.core.importing import bulk_insert  # noqa: E402
from fazhi.core.models import Org  # noqa: E402
from fazhi.enforcement import rules, scan, services  # noqa: E402
from fazhi.enforcement.choices import PUBLISH_7_KINDS, PowerType  # noqa: E402
from fazhi.enforcement.models import EnforcementCase, EnforcementWarning, Officer  # noqa: E402
from fazhi.law.calendar import WorkCalendar  # noqa: E402

SCAN_DAY = dt.date(2026, 1, 5)
YEARS = (2024, 2025)


def setup(cases_per_year: int, cities: int = 1):
    """The scanned city 990100 and its ledger, and `cities` - 1 more cities with ledgers of the same size (the
    rest of a province's table, which a city's scan must not read)."""
    n = 0
    for c in range(cities):
        code, name = ("990100", "青城市") if c == 0 else (f"98{c:02d}00", f"青城{c}市")
        n += setup_city(cases_per_year, code, name, c)
    return city_of_bench(), n


def setup_city(cases_per_year: int, code: str, name: str, seed: int) -> int:
    city = Org.objects.create(code=code, name=f"{name}人民政府", kind="city", short_name=name)
    units = [
        Org.objects.create(code=f"{code}U{i:02d}", name=f"{name}执法局{i:02d}", kind="unit", parent=city)
        for i in range(10)
    ]
    rng = random.Random(cases_per_year + 7919 * seed)  # noqa: S311 - deterministic bench data
    officers: dict[int, list[Officer]] = {}
    for u in units:
        officers[u.id] = [
            Officer.objects.create(
                org=city,
                unit=u,
                name=f"执法员{n}",
                cert_number=f"{u.code}-{n}",
                issued_on=dt.date(2020, 1, 1),
                # one officer of each unit lapsed on 2025-06-30 (still named on later cases: a warning)
                expires_on=dt.date(2025, 6, 30) if n == 6 else dt.date(2030, 12, 31),
            )
            for n in range(1, 7)
        ]
    cal = WorkCalendar()
    decision: dict[dt.date, dt.date | None] = {}
    publish: dict[tuple[dt.date, bool], dt.date | None] = {}
    kinds = [PowerType.PENALTY] * 5 + [PowerType.LICENSE] * 3 + [PowerType.INSPECTION, PowerType.COERCION]
    n = 0
    for year in YEARS:
        rows, links = [], []
        for i in range(cases_per_year):
            u = units[i % len(units)]
            kind = rng.choice(kinds)
            filed = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            if u is units[3] and year == 2025 and rng.random() < 0.08:
                filed = dt.date(2025, 8, rng.randint(1, 20))  # a campaign month: a jump
            late = rng.random() < 0.03
            decided = filed + dt.timedelta(days=rng.randint(95, 110) if late else rng.randint(3, 80))
            if decided > SCAN_DAY - dt.timedelta(days=3):
                decided = None
            published = None
            if decided:
                published = decided + dt.timedelta(days=rng.randint(15, 30) if rng.random() < 0.05 else 2)
                if published >= SCAN_DAY:
                    published = None
            amount = (
                Decimal(rng.choice([200, 1000, 5000, 50000])) if kind == PowerType.PENALTY and decided else 0
            )
            major = bool(amount >= 50000)
            review = decided - dt.timedelta(days=1) if major and decided and rng.random() > 0.02 else None
            c = EnforcementCase(
                org=city, unit=u, case_number=f"X{year}-{i}", kind=kind, filed_on=filed, decided_on=decided,
                amount=amount, major=major, legal_review_on=review, published_on=published,
                party=f"当事人{i}", facts="案由", legal_basis="某法第一条",
            )  # fmt: skip
            if kind == PowerType.PENALTY:
                if filed not in decision:
                    d = rules.decision_deadline(c, cal)
                    decision[filed] = d.due if d else None
                c.decision_due = decision[filed]
            if decided:
                key = (decided, kind in PUBLISH_7_KINDS)
                if key not in publish:
                    p = rules.publish_deadline(c, cal)
                    publish[key] = p.due if p else None
                c.publish_due = publish[key]
            c.status = rules.status_of(c)
            rows.append(c)
            pool = officers[u.id] if rng.random() < 0.02 else officers[u.id][:5]
            links.append(rng.sample(pool, 2))
            n += 1
        with transaction.atomic():
            made = EnforcementCase.objects.bulk_create(rows, batch_size=2000)
            bulk_insert(
                EnforcementCase.officers.through,
                [
                    {"enforcementcase_id": c.pk, "officer_id": o.pk}
                    for c, os_ in zip(made, links, strict=True)
                    for o in os_
                ],
            )
    return n


def _forget_warnings() -> None:
    """Delete every warning and its history rows: the next scan starts from an empty table again."""
    with transaction.atomic():
        EnforcementWarning.history.all().delete()
        EnforcementWarning.objects.all().delete()


def profile() -> None:
    """One first scan under cProfile (its top functions by own and cumulative time) and its SQL statements, the
    slowest first; the warnings it opened are deleted after."""
    prof = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        prof.enable()
        services.scan_warnings(today=SCAN_DAY, scope=city_of_bench())
        prof.disable()
    _forget_warnings()
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(25)
    rows = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
    print(f"{len(rows)} SQL statements, {sum(float(q['time']) for q in rows) * 1000:.0f} ms in the database")
    for q in rows[:15]:
        print(f"  {float(q['time']) * 1000:8.1f} ms  {q['sql'][:300]}")


def digest() -> str:
    """A digest of every warning's content and of the order they were opened in (not their ids): equal digests from two source trees' runs on one ledger
    mean they opened the same warnings."""
    fields = (
        "kind",
        "key",
        "org_id",
        "unit_id",
        "case_id",
        "officer_id",
        "month",
        "reply_due",
        "detail",
        "state",
    )
    rows = sorted(EnforcementWarning.objects.values_list(*fields))
    opened = list(
        EnforcementWarning.objects.order_by("id").values_list("key", flat=True)
    )  # and in which order
    return hashlib.sha256(repr((rows, opened)).encode()).hexdigest()[:16]


def city_of_bench() -> Org | None:
    return Org.objects.filter(code="990100").first()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=20000, help="cases per year")
    ap.add_argument("--cities", type=int, default=1, help="cities of that size in the table (one is scanned)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="profile one first scan (functions and SQL)")
    args = ap.parse_args()
    call_command("migrate", verbosity=0, skip_checks=True)
    print(f"database: {connection.vendor}")
    t = time.perf_counter()
    city = city_of_bench()
    if city is None:
        city, n = setup(args.cases, args.cities)
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        print(
            f"ledger: {n} cases over {YEARS[0]}–{YEARS[1]} in {args.cities} cities written in {time.perf_counter() - t:.1f} s"
        )
    else:
        _forget_warnings()
        print(f"ledger: {EnforcementCase.objects.count()} cases already in the database, reused")
    if args.profile:
        profile()

    # the first scan (find + write every warning), median of `--repeat` runs each over an empty warning table:
    # the warnings it opened (and their history rows) are deleted before the next run, untimed
    first_runs: list[float] = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        first = services.scan_warnings(today=SCAN_DAY, scope=city)
        first_runs.append((time.perf_counter() - t) * 1000)
        _forget_warnings()
    first = services.scan_warnings(today=SCAN_DAY, scope=city)
    print(f"first scan: found {first.found}, opened {first.opened} warnings, digest {digest()}")
    for kind, count in sorted(first.by_kind.items()):
        print(f"  {kind:<22} {count}")
    again = services.scan_warnings(today=SCAN_DAY, scope=city)
    assert again.opened == 0 and again.closed == 0, again
    assert EnforcementWarning.objects.count() == first.opened
    rescan = timed(lambda: services.scan_warnings(today=SCAN_DAY, scope=city), args.repeat)
    print(summary("first scan (find + write)", first_runs, 2000))
    print(summary("re-scan (find, nothing new)", rescan, 2000))
    for finder in scan.FINDERS:
        ms = timed(lambda f=finder: list(f(city, SCAN_DAY)), args.repeat)
        print(summary(f"  finder {finder.__name__}", ms))


if __name__ == "__main__":
    try:
        main()
    finally:
        if THROWAWAY:
            shutil.rmtree(THROWAWAY, ignore_errors=True)
