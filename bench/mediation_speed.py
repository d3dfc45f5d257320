"""矛盾纠纷 and 信访 at scale: list pages (full Django stack) and the city-year figures over N records each.

Fills the database FAZHI_DATABASE_URL names (default: ./var) with N disputes and N petitions by bulk insert
when it holds fewer (fields derived as the services derive them: rules.handling_due, rules.confirmation_deadline,
rules.derive), then times the pages and figures. Targets: list p95 ≤ 100 ms, a city-year figure ≤ 300 ms.

    .venv/bin/python -m fazhi migrate && .venv/bin/python bench/mediation_speed.py --n 200000"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client

from fazhi.core.choices import OrgKind
from fazhi.core.models import Membership, Org
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.law.calendar import WorkCalendar
from fazhi.law.deadlines import compute as deadline
from fazhi.mediation import rules as mrules
from fazhi.mediation.models import Dispute
from fazhi.petitions import rules as prules
from fazhi.petitions.models import Petition

KINDS = ["neighbor", "family", "land", "labor", "contract", "damages"]


def tree() -> tuple[Org, list[Org]]:
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    if root is None:
        root = Org(code="880100", name="测试市人民政府", kind=OrgKind.CITY, short_name="测试市")
        root.full_clean(exclude=["path"])
        root.save()
    units = list(Org.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.TOWNSHIP]).order_by("code")[:40])
    if not units:
        for i in range(20):
            u = Org(code=f"880100U{i:02d}", name=f"测试单位{i}", kind=OrgKind.UNIT, parent=root)
            u.full_clean(exclude=["path"])
            u.save()
            units.append(u)
    return root, units


def fill(n: int, units: list[Org], year: int) -> None:
    rng = random.Random(7)
    cal = WorkCalendar()
    have = Dispute.objects.count()
    start = time.perf_counter()
    with transaction.atomic():
        batch = []
        for i in range(have, n):
            unit = rng.choice(units)
            received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            d = Dispute(
                org=unit.jurisdiction(),
                unit=unit,
                number=f"B调{i}",
                committee="人民调解委员会",
                source="sweep",
                kind=rng.choice(KINDS),
                parties=f"当事人{i}、当事人{i + 1}",
                summary="纠纷",
                received_on=received,
                handling_due=received + dt.timedelta(days=30),
            )
            if rng.random() < 0.9:
                d.concluded_on = received + dt.timedelta(days=rng.randrange(40))
                d.outcome = "written" if rng.random() < 0.97 else "failed"
                d.routes_told = d.outcome == "failed"
                if d.outcome == "written":
                    d.agreement, d.agreement_effective_on = "协议", d.concluded_on
                    d.confirmation_due = deadline(
                        "mediation.judicial_confirmation", d.concluded_on, calendar=cal
                    ).due
            d.status = mrules.status_of(d)
            batch.append(d)
            if len(batch) == 5000:
                Dispute.objects.bulk_create(batch)
                batch = []
        Dispute.objects.bulk_create(batch)
    if n > have:
        print(f"disputes inserted: {n - have:,} in {time.perf_counter() - start:.1f} s")
    have = Petition.objects.count()
    start = time.perf_counter()
    with transaction.atomic():
        batch = []
        for i in range(have, n):
            unit = rng.choice(units)
            received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            p = Petition(
                org=unit.jurisdiction(),
                unit=unit,
                number=f"B访{i}",
                channel="online",
                petitioner=f"信访人{i % 50000}",
                category="claim",
                subject="诉求",
                received_on=received,
            )
            if rng.random() < 0.9:
                p.accepted_on = received + dt.timedelta(days=rng.randrange(20))
                if rng.random() < 0.8:
                    p.answered_on, p.answer = p.accepted_on + dt.timedelta(days=rng.randrange(70)), "support"
            p.status = prules.status_of(p)
            p.notice_due = deadline("petitions.notice", received, calendar=cal).due
            p.handling_due = p.accepted_on and deadline("petitions.handling", p.accepted_on, calendar=cal).due
            p.disposed_on = p.accepted_on
            p.disposed_on_time = bool(p.accepted_on and p.accepted_on <= p.notice_due)
            p.answered_on_time = bool(p.answered_on and p.answered_on <= p.handling_due)
            clock = prules.CLOCKS.get(p.status)
            p.due_on = getattr(p, clock[1]) if clock else None
            batch.append(p)
            if len(batch) == 5000:
                Petition.objects.bulk_create(batch)
                batch = []
        Petition.objects.bulk_create(batch)
    if n > have:
        print(f"petitions inserted: {n - have:,} in {time.perf_counter() - start:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--year", type=int, default=2025)
    args = ap.parse_args()
    root, units = tree()
    fill(args.n, units, args.year)
    user, _ = get_user_model().objects.get_or_create(username="bench-office")
    Membership.objects.get_or_create(user=user, org=root, role="office")
    clerk, _ = get_user_model().objects.get_or_create(username="bench-clerk")
    Membership.objects.get_or_create(user=clerk, org=units[0], role="clerk")
    print(
        f"database: {connection.vendor}; disputes {Dispute.objects.count():,}; petitions {Petition.objects.count():,}"
    )

    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    for label, url in [
        ("office: disputes first page", "/mediation/"),
        ("office: disputes overdue", "/mediation/?due=overdue"),
        ("office: disputes by kind and year", f"/mediation/?kind=land&year={args.year}"),
        ("office: petitions first page", "/petitions/"),
        ("office: petitions overdue", "/petitions/?due=overdue"),
        ("office: petitions repeats", "/petitions/?repeat=1"),
    ]:
        assert c.get(url).status_code == 200, url
        print(summary(label, timed(lambda u=url: c.get(u), args.repeat), 100))
    c2 = Client(HTTP_HOST="127.0.0.1")
    c2.force_login(clerk)
    print(
        summary(
            "clerk (own unit): disputes first page", timed(lambda: c2.get("/mediation/"), args.repeat), 100
        )
    )

    period = Period.year(args.year)
    keys = ["mediation.disputes", "mediation.success_rate", "mediation.judicial_confirmations"]
    print(summary("city-year mediation figures (3)", timed(lambda: compute(root, period, keys), 10), 300))
    keys = ["petitions.received", "petitions.notice_on_time_rate", "petitions.on_time_rate"]
    print(summary("city-year petitions figures (3)", timed(lambda: compute(root, period, keys), 10), 300))
    v = compute(root, period, ["mediation.success_rate", "petitions.on_time_rate"])
    n = drilldown_records("mediation.success_rate", root, period).count()
    print(
        f"mediation.success_rate {v['mediation.success_rate'].display()} (drill-down rows {n:,}); "
        f"petitions.on_time_rate {v['petitions.on_time_rate'].display()}"
    )


if __name__ == "__main__":
    main()
