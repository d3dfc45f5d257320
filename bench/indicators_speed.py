"""The indicator set of a city-year, the dashboard and the home page, timed on the database FAZHI_DATABASE_URL
names (or the SQLite file of FAZHI_VAR_DIR).

    python bench/generate.py --cases 300000 --reset        # data as of 2026-06-30, whatever today's date
    python bench/indicators_speed.py                         # this checkout
    python bench/indicators_speed.py --before /work/main/src # the same, against another source tree, side by side

The years are stated, not taken from the data or today's date: --full (default 2025, a whole year of the
generated data) and --partial (default 2026, the year generate.py's --as-of stops half-way through). With
--before, each side runs in its own process with its own source tree on sys.path, A B A B over --rounds, and
the table gives both sides' median and p95 and the ratio of the medians; the values of every figure (city, full
year) are compared and any difference is printed and fails the run. Targets (issue 17): city-year ≤ 300 ms p95,
dashboard ≤ 500 ms, home ≤ 300 ms."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"city": 300, "dashboard": 500, "home": 300}


def measure(args) -> dict:
    """In this process: time every case, return {"samples": {label: [ms]}, "values": {...}, "about": str}."""
    from _setup import timed
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from fazhi.core.models import Membership, Org
    from fazhi.indicators.registry import Period, compute
    from fazhi.litigation.models import LitigationCase
    from fazhi.reconsideration.models import ReconsiderationCase

    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    if root is None:
        raise SystemExit("no org in the database: run bench/generate.py first")
    county = Org.objects.filter(parent=root).exclude(kind="unit").order_by("code").first()
    unit = Org.objects.filter(parent=root, kind="unit").order_by("code").first()
    by_year = {y: ReconsiderationCase.objects.filter(year=y).count() for y in (args.full, args.partial)}
    import fazhi

    about = (
        f"code: {Path(fazhi.__file__).parent}; database: {connection.vendor}; 复议 cases {ReconsiderationCase.objects.count():,}; "
        f"应诉 cases {LitigationCase.objects.count():,}; 复议 received in "
        + ", ".join(f"{y}: {n:,}" for y, n in by_year.items())
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-indicators")
    Membership.objects.get_or_create(user=user, org=root, role="office")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    cases = []
    for year, kind in ((args.full, "full"), (args.partial, "partial")):
        period = Period.year(year)
        cases.append((f"city {year} ({kind} year)", "city", lambda p=period: compute(root, p)))
    if county is not None:
        cases.append((f"county {args.full}", "", lambda: compute(county, Period.year(args.full))))
    if unit is not None:
        cases.append((f"unit {args.full} (as respondent)", "", lambda: compute(unit, Period.year(args.full))))
    cases.append((f"city {args.full} Q2", "", lambda: compute(root, Period.quarter(args.full, 2))))
    for year in (args.full, args.partial):
        for page, path in (("dashboard", "/indicators/"), ("home", "/")):
            url = f"{path}?org={root.pk}&year={year}"
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            cases.append((f"{page} {year}", page, lambda u=url: client.get(u)))
    samples = {label: timed(fn, args.repeat) for label, _, fn in cases}
    targets = {label: TARGETS.get(kind) for label, kind, _ in cases}
    values = {key: str(v.value) for key, v in sorted(compute(root, Period.year(args.full)).items())} | {
        f"{key}@{args.partial}": str(v.value)
        for key, v in sorted(compute(root, Period.year(args.partial)).items())
    }
    return {"samples": samples, "targets": targets, "values": values, "about": about}


def p95(ms: list[float]) -> float:
    s = sorted(ms)
    return s[max(0, int(round(0.95 * len(s))) - 1)]


def child(src: str | None, args) -> dict:
    env = dict(os.environ)
    if src:
        env["FAZHI_BENCH_SRC"] = src
    cmd = [sys.executable, str(Path(__file__)), "--child", "--repeat", str(args.repeat)]
    cmd += ["--full", str(args.full), "--partial", str(args.partial)]
    out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", type=int, default=2025, help="a whole year of data (default 2025)")
    ap.add_argument("--partial", type=int, default=2026, help="a year the data stops in (default 2026)")
    ap.add_argument("--repeat", type=int, default=20, help="timed calls per case and round")
    ap.add_argument("--rounds", type=int, default=2, help="with --before: A B rounds")
    ap.add_argument(
        "--before", metavar="SRC", help="another source tree (its src/ folder) to time side by side"
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args)))
        return 0
    if not args.before:
        got = child(None, args)
        print(got["about"])
        for label, ms in got["samples"].items():
            target = got["targets"][label]
            line = f"{label:<34} median {statistics.median(ms):8.1f} ms   p95 {p95(ms):8.1f} ms"
            print(line + (f"   target {target} ms (p95)" if target else ""))
        return 0
    before: dict[str, list[float]] = {}
    after: dict[str, list[float]] = {}
    values_before: dict[str, str] = {}
    values_after: dict[str, str] = {}
    targets: dict[str, int | None] = {}
    about = ""
    for _ in range(args.rounds):
        for side, src in ((before, args.before), (after, None)):
            got = child(src, args)
            for label, ms in got["samples"].items():
                side.setdefault(label, []).extend(ms)
            if src:
                values_before, targets = got["values"], got["targets"]
            else:
                values_after = got["values"]
            about = got["about"]
    print(about.split("; ", 1)[1])
    print(f"before: {args.before}   after: {HERE.parent / 'src'}   n={args.repeat * args.rounds} per side")
    print(
        f"{'':<34} {'before median':>13} {'p95':>8}   {'after median':>12} {'p95':>8}   after/before  target"
    )
    for label in after:
        b, a = before[label], after[label]
        ratio = statistics.median(a) / statistics.median(b)
        target = targets.get(label)
        print(
            f"{label:<34} {statistics.median(b):10.1f} ms {p95(b):8.1f}   {statistics.median(a):9.1f} ms "
            f"{p95(a):8.1f}   {ratio:12.2f}  {f'{target} ms' if target else ''}"
        )
    differ = {k: (values_before.get(k), v) for k, v in values_after.items() if values_before.get(k) != v}
    if differ:
        print(f"VALUES DIFFER ({len(differ)}):")
        for k, (b, a) in differ.items():
            print(f"  {k}: before {b}  after {a}")
        return 1
    print(f"values: all {len(values_after)} figures (city, {args.full} and {args.partial}) identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
