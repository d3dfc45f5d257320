"""The full indicator set for a city-year, timed on the database FAZHI_DATABASE_URL names.

Fill it first with `python bench/generate.py --cases 1000000`. Target (issue 2): ≤ 300 ms on PostgreSQL."""

from __future__ import annotations

import argparse

from _setup import summary, timed
from django.db import connection
from django.db.models import Max

from fazhi.core.models import Org
from fazhi.indicators.registry import Period, compute
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import ReconsiderationCase


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    county = Org.objects.filter(parent=root).exclude(kind="unit").order_by("code").first()
    unit = Org.objects.filter(parent=root, kind="unit").order_by("code").first()
    n_recon = ReconsiderationCase.objects.count()
    n_lit = LitigationCase.objects.count()
    year = args.year or ReconsiderationCase.objects.aggregate(y=Max("year"))["y"]
    print(
        f"database: {connection.vendor}; reconsideration cases {n_recon:,}; litigation cases {n_lit:,}; year {year}"
    )
    in_year = ReconsiderationCase.objects.filter(year=year).count()
    print(f"reconsideration cases received in {year}: {in_year:,}")
    period = Period.year(year)
    for label, org in (("city (whole subtree)", root), ("county", county), ("unit (as respondent)", unit)):
        if org is None:
            continue
        ms = timed(lambda o=org: compute(o, period), args.repeat)
        print(summary(f"all indicators, {label}", ms, 300))
    ms = timed(lambda: compute(root, Period.quarter(year, 2)), args.repeat)
    print(summary("all indicators, city, one quarter", ms, 300))


if __name__ == "__main__":
    main()
