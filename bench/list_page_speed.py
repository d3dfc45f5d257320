"""Case-list page latency through the full Django stack (test client: middleware, auth, scope, template).

Target (issue 2): p95 ≤ 100 ms at 1M cases. Pages: first page, a deep keyset page, filtered lists."""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

from _setup import summary, timed
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from fazhi.core.models import Membership, Org
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import ReconsiderationCase


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    User = get_user_model()
    root = Org.objects.filter(parent__isnull=True).order_by("code").first()
    user, _ = User.objects.get_or_create(username="bench-office")
    Membership.objects.get_or_create(user=user, org=root, role="office")
    unit = Org.objects.filter(kind="unit").order_by("code").first()
    clerk, _ = User.objects.get_or_create(username="bench-clerk")
    Membership.objects.get_or_create(user=clerk, org=unit, role="clerk")
    print(f"database: {connection.vendor}; reconsideration cases {ReconsiderationCase.objects.count():,}")

    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    first = c.get("/reconsideration/")
    assert first.status_code == 200, first.status_code
    # a cursor deep in the table: the 10,000th newest case
    deep = ReconsiderationCase.objects.order_by("-received_on", "-id").values_list("received_on", "id")[
        10000:10001
    ]
    deep_cursor = f"{deep[0][0].isoformat()}_{deep[0][1]}" if deep else ""
    # text search (issue 17): a common surname fills the first page at once; a case number (one hit) and a name
    # nobody has (no hit) must be found through an index, not by reading the table
    number = ReconsiderationCase.objects.order_by("-received_on", "-id").values_list("number", flat=True)[
        5000:5001
    ]
    suit = LitigationCase.objects.order_by("id").values_list("case_number", flat=True)[1000:1001]
    cases = [
        ("office: first page", "/reconsideration/"),
        ("office: deep keyset page (after 10,000 rows)", f"/reconsideration/?after={deep_cursor}"),
        ("office: filter status=审理中", "/reconsideration/?status=hearing"),
        ("office: overdue", "/reconsideration/?due=overdue"),
        ("office: search by applicant", "/reconsideration/?q=%E5%BC%A0"),
        (
            "office: search a case number (1 hit)",
            f"/reconsideration/?{urlencode({'q': number[0] if number else ''})}",
        ),
        ("office: search a name nobody has (0 hits)", f"/reconsideration/?{urlencode({'q': '欧阳明远'})}"),
        (
            "office: litigation search by case number",
            f"/litigation/?{urlencode({'q': suit[0] if suit else ''})}",
        ),
        ("office: litigation first page", "/litigation/"),
    ]
    for label, url in cases:
        ms = timed(lambda u=url: c.get(u), args.repeat)
        print(summary(label, ms, 100))
    ms = timed(lambda: c.get("/"), args.repeat)
    print(summary("office: home workbench (no target set)", ms))
    ms = timed(lambda: c.get("/indicators/"), max(5, args.repeat // 5))
    print(summary("office: indicator dashboard (issue 3 target 500 ms)", ms, 500))
    c2 = Client(HTTP_HOST="127.0.0.1")
    c2.force_login(clerk)
    ms = timed(lambda: c2.get("/reconsideration/"), args.repeat)
    print(summary("clerk (own unit): first page", ms, 100))


if __name__ == "__main__":
    main()
