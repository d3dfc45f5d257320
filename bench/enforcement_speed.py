"""行政执法 case ledger at city scale: Excel import, the ledger list page and the city-year figures.

    python bench/enforcement_speed.py [--sizes 20000 100000] [--repeat 20]

A city reports ~20k 执法 cases a year. For each size the bench writes a deterministic .xlsx of that many rows
(the "执法案件" sheet of fazhi.enforcement.importers, ten units, two certified officers per case), imports it
through fazhi.core.importing.import_file (validate all, one transaction, bulk writes, history and timeline rows)
into the ledger, then times the office's list page (first page, a filter, the overdue view) through the full
Django stack, and the area's figures for the city-year (one aggregate query per model) with their drill-down
count (after ANALYZE: planner statistics as a database in service keeps them). Sizes add up: the 100k run imports 80k more rows into the 20k ledger.

Database: a throwaway SQLite file under /tmp, or the PostgreSQL FAZHI_DATABASE_URL names (an empty one).
Design for a province (10M a year): partition enforcementcase by year of filed_on with (org, filed_on, id) as the
leading index in each partition; every read here is org- and date-bounded, so it prunes to one partition."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import sys
import tempfile
import time

THROWAWAY = None
if not os.environ.get("FAZHI_DATABASE_URL") and not os.environ.get("FAZHI_VAR_DIR"):
    THROWAWAY = os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-enforcement-")

from _setup import django, summary, timed  # noqa: E402,F401  (Django set up on import)
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from fazhi.core.importing import import_file  # noqa: E402
from fazhi.core.models import Membership, Org  # noqa: E402
from fazhi.enforcement.choices import Leniency, PowerType  # noqa: E402
from fazhi.enforcement.importers import EnforcementImporter  # noqa: E402
from fazhi.enforcement.models import EnforcementCase, Officer  # noqa: E402
from fazhi.indicators.registry import Period, compute, drilldown_records  # noqa: E402

YEAR = 2025
KEYS = [
    "enforcement.penalty_cases",
    "enforcement.license_cases",
    "enforcement.coercion_cases",
    "enforcement.lenient_cases",
    "enforcement.first_offense_cases",
    "enforcement.on_time_decision_rate",
    "enforcement.on_time_publication_rate",
]


def setup_tree():
    city = Org.objects.create(code="990100", name="青城市人民政府", kind="city", short_name="青城市")
    units = [
        Org.objects.create(code=f"990100U{i:02d}", name=f"青城市执法局{i:02d}", kind="unit", parent=city)
        for i in range(10)
    ]
    for u in units:
        for n in (1, 2, 3):
            Officer.objects.create(
                org=city,
                unit=u,
                name=f"执法员{n}",
                cert_number=f"{u.code}-{n}",
                issued_on=dt.date(2020, 1, 1),
                expires_on=dt.date(2030, 12, 31),
            )
    user = get_user_model().objects.create_user(username="bench-office")
    Membership.objects.create(user=user, org=city, role="office")
    return city, units, user


def xlsx(rows: int, units, start: int) -> bytes:
    rng = random.Random(rows)  # noqa: S311 - deterministic bench data
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("执法案件")
    headers = [c.header for c in EnforcementImporter.columns]
    ws.append(headers)
    kinds = [PowerType.PENALTY] * 5 + [PowerType.LICENSE] * 3 + [PowerType.INSPECTION, PowerType.COERCION]
    for i in range(rows):
        u = units[i % len(units)]
        kind = rng.choice(kinds)
        filed = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
        decided = filed + dt.timedelta(days=rng.randint(3, 100)) if rng.random() < 0.9 else None
        leniency = rng.choice(["", "", "", Leniency.LIGHTER.label]) if kind == PowerType.PENALTY else ""
        amount = rng.choice([200, 1000, 5000]) if kind == PowerType.PENALTY and decided else ""
        values = {
            "执法单位": u.code,
            "案件编号": f"X{start + i}",
            "执法类别": PowerType(kind).label,
            "当事人": f"当事人{i}",
            "案由": "案由",
            "法律依据": "某法第一条",
            "立案日期": filed,
            "执法人员执法证号": f"{u.code}-1、{u.code}-2",
            "决定日期": decided,
            "罚没金额（元）": amount,
            "从轻减轻及不予处罚": leniency if decided else "",
            "公示日期": decided + dt.timedelta(days=rng.randint(1, 12)) if decided else None,
        }
        ws.append([values.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[20000, 100000])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    call_command("migrate", verbosity=0, skip_checks=True)
    city, units, user = setup_tree()
    print(f"database: {connection.vendor}")
    have = 0
    for size in args.sizes:
        add = size - have
        data = xlsx(add, units, have)
        t = time.perf_counter()
        result = import_file("enforcement", data, user=user)
        secs = time.perf_counter() - t
        assert result.ok, result.messages()[:5]
        have = size
        with connection.cursor() as cursor:  # planner statistics, as autovacuum/ANALYZE keep them in service
            cursor.execute("ANALYZE")
        total = EnforcementCase.objects.count()
        print(f"\n== ledger {total:,} cases ==")
        print(
            f"import {add:,} rows: {secs:6.1f} s   {add / secs:8.0f} rows/s (read, validate, write, history, timeline)"
        )
        c = Client(HTTP_HOST="127.0.0.1")
        c.force_login(user)
        assert c.get("/enforcement/").status_code == 200
        for label, url in (
            ("list: first page", "/enforcement/"),
            ("list: filter kind=行政处罚", "/enforcement/?kind=penalty"),
            ("list: decisions overdue", "/enforcement/?due=overdue"),
            ("list: search case number", "/enforcement/?q=X1234"),
        ):
            print(summary(label, timed(lambda u=url, c=c: c.get(u), args.repeat), 100))
        period = Period.year(YEAR)
        values = compute(city, period, KEYS)
        print(
            summary(
                "figures: city-year, 7 keys", timed(lambda p=period: compute(city, p, KEYS), args.repeat), 150
            )
        )
        n = drilldown_records("enforcement.penalty_cases", city, period).count()
        assert n == values["enforcement.penalty_cases"].value, (n, values["enforcement.penalty_cases"].value)
        print("  " + "；".join(f"{v.name} {v.display()}" for v in values.values()))
    if THROWAWAY:
        shutil.rmtree(THROWAWAY, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
