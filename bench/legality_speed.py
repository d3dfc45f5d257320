"""合法性审核 at scale: the list page (first page, deep keyset page, overdue, search, a unit clerk's list) through
the full Django stack, and the area's figures (legality.* and counsel.*) for a city-year with their sub-jurisdiction
comparison. Targets (issue 11): list p95 ≤ 100 ms, the area's indicators for a city-year ≤ 100 ms.

    FAZHI_DATABASE_URL=… python bench/legality_speed.py --rows 200000

Rows are added in bulk (no history) to the demo city's jurisdictions until the table holds --rows requests;
run `fazhi demo --no-serve` first so the org tree exists."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from fazhi.core.importing import bulk_insert, chunked
from fazhi.core.models import Membership, Org
from fazhi.indicators.registry import Period, catalog, compute
from fazhi.legality.choices import Opinion, Status, SubjectKind
from fazhi.legality.models import ReviewPoint, ReviewRequest

KEYS = [k for k, e in catalog().items() if e.get("source") == "legality"]


def fill(rows: int) -> None:
    have = ReviewRequest.objects.count()
    if have >= rows:
        return
    rng = random.Random(11)  # noqa: S311 - bench data
    units = list(Org.objects.filter(kind="unit").select_related("parent"))
    jur = {u.pk: u.jurisdiction().pk for u in units}
    today = timezone.localdate()
    now = timezone.now()
    start = time.perf_counter()
    for part in chunked(list(range(have, rows)), 5000):
        requests = []
        for i in part:
            unit = rng.choice(units)
            received = today - dt.timedelta(days=rng.randint(0, 5 * 365))
            done = received < today - dt.timedelta(days=30) or rng.random() < 0.5
            opinion_on = received + dt.timedelta(days=rng.randint(3, 20)) if done else None
            due = received + dt.timedelta(days=14)
            requests.append(
                {
                    "org_id": jur[unit.pk], "unit_id": unit.pk, "number": f"BENCH〔{received.year}〕{i}号",
                    "title": f"压测送审事项{i}", "subject_kind": rng.choice(SubjectKind.values), "subject_ref": "",
                    "draft_text": "", "received_on": received, "requested_by": None,
                    "minimum_due": received + dt.timedelta(days=9), "short_notice": rng.random() < 0.1,
                    "review_days": 10, "clock_from": received, "due_on": due,
                    "status": Status.CLOSED if done else Status.REVIEWING, "reviewer_id": None,
                    "co_reviewers": "", "returned_on": None, "return_reason": "", "resubmitted_on": None,
                    "counsel_consulted": rng.random() < 0.5, "opinion": rng.choice(Opinion.values) if done else "",
                    "opinion_text": "同意" if done else "", "points_count": 0, "opinion_on": opinion_on,
                    "on_time": (opinion_on <= due) if opinion_on else None, "closed_on": opinion_on,
                    "version": 1, "created_at": now, "created_by_id": None,
                }
            )  # fmt: skip
        ids = bulk_insert(ReviewRequest, requests, returning=True)
        points = [
            {"request_id": pk, "org_id": r["org_id"], "unit_id": r["unit_id"], "raised_on": r["opinion_on"],
             "text": "建议删除第五条"}
            for pk, r in zip(ids, requests, strict=True) if r["opinion_on"] and rng.random() < 0.6
        ]  # fmt: skip
        bulk_insert(ReviewPoint, points)
    print(f"added {rows - have:,} requests in {time.perf_counter() - start:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    fill(args.rows)
    with connection.cursor() as cur:  # planner statistics, as bench/generate.py leaves them
        cur.execute("ANALYZE")
    User = get_user_model()
    city = Org.objects.filter(kind="city").order_by("code").first()
    assert city is not None, "run `fazhi demo --no-serve` first"
    user, _ = User.objects.get_or_create(username="bench-legality-office")
    Membership.objects.get_or_create(user=user, org=city, role="office")
    unit = Org.objects.filter(kind="unit", parent=city).order_by("code").first()
    clerk, _ = User.objects.get_or_create(username="bench-legality-clerk")
    Membership.objects.get_or_create(user=clerk, org=unit, role="clerk")
    print(f"database: {connection.vendor}; review requests {ReviewRequest.objects.count():,}")

    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    deep = ReviewRequest.objects.order_by("-received_on", "-id").values_list("received_on", "id")[10000:10001]
    cursor = f"{deep[0][0].isoformat()}_{deep[0][1]}" if deep else ""
    for label, url in [
        ("office: first page", "/legality/"),
        ("office: deep keyset page (after 10,000 rows)", f"/legality/?after={cursor}"),
        ("office: overdue", "/legality/?due=overdue"),
        ("office: contracts of a year", f"/legality/?kind=contract&year={timezone.localdate().year - 1}"),
        ("office: search by title", "/legality/?q=%E5%8E%8B%E6%B5%8B99"),
    ]:
        assert c.get(url).status_code == 200, url
        print(summary(label, timed(lambda u=url: c.get(u), args.repeat), 100))
    c2 = Client(HTTP_HOST="127.0.0.1")
    c2.force_login(clerk)
    print(summary("clerk (own unit): first page", timed(lambda: c2.get("/legality/"), args.repeat), 100))
    period = Period.year(timezone.localdate().year - 1)
    ms = timed(lambda: compute(city, period, KEYS), args.repeat)
    print(summary(f"area figures ({len(KEYS)} keys) for the city-year", ms, 100))


if __name__ == "__main__":
    main()
