"""行政规范性文件 at scale: the list page and the area's figures over N documents.

    FAZHI_VAR_DIR=./var .venv/bin/python -m fazhi migrate
    FAZHI_VAR_DIR=./var .venv/bin/python bench/normative_speed.py --generate 1000000

Targets (issue 11): list p95 ≤ 100 ms at 1M normative-document/review records; the area's indicators for a
city-year ≤ 100 ms. `--generate N` bulk-inserts N documents (no history) spread over the org tree's
jurisdictions and units and ten years, published, filed, reviewed and cleaned in realistic shares; without it the
documents already in the database are measured."""

from __future__ import annotations

import argparse
import datetime as dt
import random

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.models import Membership, Org
from fazhi.indicators.registry import Period, compute, registered
from fazhi.normative.choices import CleanupOutcome, ReviewResult, Status
from fazhi.normative.models import NormativeDocument


def tree() -> Org:
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    if root is not None:
        return root
    root = Org.objects.create(code="990100", name="青城市人民政府", kind=OrgKind.CITY, short_name="青城市")
    for i in range(8):
        county = Org.objects.create(
            code=f"9901{i + 21}", name=f"第{i + 1}县人民政府", kind=OrgKind.COUNTY, parent=root
        )
        for j in range(20):
            Org.objects.create(
                code=f"{county.code}U{j:02d}",
                name=f"{county.name}第{j + 1}局",
                kind=OrgKind.UNIT,
                parent=county,
            )
    for j in range(30):
        Org.objects.create(code=f"990100U{j:02d}", name=f"市第{j + 1}局", kind=OrgKind.UNIT, parent=root)
    return root


def generate(root: Org, n: int) -> None:
    rng = random.Random(11)
    orgs = list(root.subtree())
    jur = {o.pk: o.jurisdiction() for o in orgs}
    start = NormativeDocument.objects.count()
    base = timezone.localdate().year - 10
    rows = []
    for i in range(n):
        issuer = rng.choice(orgs)
        org = jur[issuer.pk]
        registered = dt.date(base, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
        published = registered + dt.timedelta(days=rng.randint(3, 25))
        gov = issuer.pk == org.pk
        due = published + dt.timedelta(days=30)
        filed = published + dt.timedelta(days=rng.randint(3, 45))
        cleaned = published + dt.timedelta(days=rng.randint(200, 900)) if rng.random() < 0.3 else None
        outcome = rng.choice(list(CleanupOutcome)) if cleaned else ""
        reviewed = filed + dt.timedelta(days=rng.randint(5, 40)) if rng.random() < 0.8 else None
        rows.append(
            NormativeDocument(
                org=org, issuer=issuer, filed_to=org if not gov else (org.parent or org), title=f"测试规范性文件{start + i}",
                doc_number=f"测规〔{registered.year}〕{start + i}号", registration_number=f"BENCH-{start + i}",
                legality_review="BENCH", registered_on=registered, published_on=published, effective_on=published,
                validity_years=5, expires_on=published + dt.timedelta(days=5 * 365 - 1),
                status=Status.IN_FORCE if not outcome or outcome == CleanupOutcome.KEEP else Status.REPEALED,
                congress_due=due if gov else None, congress_filed_on=filed if gov else None, government_due=due,
                government_filed_on=filed, filed_on_time=filed <= due,
                review_result=(ReviewResult.CORRECTED if rng.random() < 0.05 else ReviewResult.PASSED) if reviewed else "",
                reviewed_on=reviewed, cleaned_on=cleaned, cleanup_outcome=outcome,
            )
        )  # fmt: skip
        if len(rows) == 5000:
            with transaction.atomic():
                NormativeDocument.objects.bulk_create(rows)
            rows = []
    if rows:
        NormativeDocument.objects.bulk_create(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generate", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    root = tree()
    if args.generate:
        generate(root, args.generate)
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench-office")
    Membership.objects.get_or_create(user=user, org=root, role="office")
    print(f"database: {connection.vendor}; normative documents {NormativeDocument.objects.count():,}")
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    assert c.get("/normative/").status_code == 200
    year = timezone.localdate().year - 1
    for label, url in (
        ("office: first page", "/normative/"),
        ("office: filter year", f"/normative/?year={year}"),
        (
            "office: search title",
            "/normative/?q=%E6%B5%8B%E8%AF%95%E8%A7%84%E8%8C%83%E6%80%A7%E6%96%87%E4%BB%B612",
        ),
        ("office: filing overdue", "/normative/?due=overdue"),
    ):
        print(summary(label, timed(lambda u=url: c.get(u), args.repeat), 100))
    keys = [k for k, d in registered().items() if d.module == "fazhi.normative.indicators"]
    period = Period.year(year)
    print(
        summary(
            "figures of the city-year (11 keys)", timed(lambda: compute(root, period, keys), args.repeat), 100
        )
    )
    county = root.children.filter(kind=OrgKind.COUNTY).order_by("code").first()
    if county is not None:
        print(
            summary(
                "figures of a county-year", timed(lambda: compute(county, period, keys), args.repeat), 100
            )
        )


if __name__ == "__main__":
    main()
