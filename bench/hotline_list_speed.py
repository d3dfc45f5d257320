"""The 12345 list at scale, before and after, side by side in one process on the same data:

- the list's count over a viewer's scope (a ticket is seen through its hotline and its unit): the plain OR count
  against the scope counted as disjoint index ranges (core.permissions.scoped_count), for a city office, a
  county office and a unit clerk; then the whole list page;
- the whole list page (test client, middleware to template) as the city office, a county office and a unit clerk:
  the default list, the open tickets (?status=dispatched), the overdue ones (?due=overdue), a search of a rare
  name (?q=罕), each on page 1 and on the deepest numbered page: before, the rows found by walking the date index;
  after, a list of few rows read by id and sorted (core.web.rows_by_id, SORTED_READ_LIMIT); the slowest queries
  of each with SQLite's EXPLAIN QUERY PLAN (--explain);
- a search of one or two characters (张, 罕, 张三, 欧阳): the substring scan against the grams index
  (fazhi.core.grams: FTS5 on SQLite, the GIN index of `search_grams` on PostgreSQL), with the query plan of
  the search printed.

    FAZHI_VAR_DIR=/tmp/hl1m python bench/hotline_list_speed.py --tickets 1000000
    FAZHI_VAR_DIR=/tmp/hl1m python bench/hotline_list_speed.py --skip count,search --explain   # pages only

The tickets are bench/hotline_speed.py's (generated on first run, reused after); callers and places are drawn
from a list of names and streets, so the terms are common (张), rare (罕) or two-character (张三, 欧阳). Calls
alternate before, after, before, after ... and the medians and their ratio are printed."""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from unittest import mock

from _setup import timed
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hotline_speed import ensure_city, generate

from fazhi.core import web
from fazhi.core.choices import OrgKind
from fazhi.core.models import Membership, Org
from fazhi.hotline import selectors
from fazhi.hotline.casework import KIND
from fazhi.hotline.models import Ticket

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬"
STREETS = [
    "和平路",
    "解放大街",
    "人民路",
    "建设路",
    "中山路",
    "新华街",
    "胜利路",
    "文化路",
    "朝阳路",
    "光明街",
]


def callers(n: int) -> None:
    """Give the bench's tickets varied callers and places (hotline_speed writes 张三 everywhere), once."""
    if Ticket.objects.exclude(caller="张三").exists():
        return
    rng = random.Random(14)  # noqa: S311 - reproducible bench data
    t0 = time.perf_counter()
    ids = list(Ticket.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 20000):
        rows = []
        for pk in ids[start : start + 20000]:
            r = rng.random()
            surname = "欧阳" if r < 0.002 else "罕" if r < 0.0025 else rng.choice(SURNAMES)
            name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            if rng.random() < 0.01:
                name = "张三"
            place = f"{rng.choice(STREETS)}{rng.randint(1, 300)}号"
            rows.append((name, place, pk))
        with transaction.atomic(), connection.cursor() as c:
            c.executemany("UPDATE hotline_ticket SET caller = %s, location = %s WHERE id = %s", rows)
    print(f"callers and places set on {len(ids):,} tickets in {time.perf_counter() - t0:.1f} s")


def persona(username: str, org: Org, role: str):
    user, _ = get_user_model().objects.get_or_create(username=username)
    Membership.objects.get_or_create(user=user, org=org, role=role)
    return get_user_model().objects.get(pk=user.pk)  # a fresh object: no cached scope


def side_by_side(name: str, before, after, repeat: int) -> None:
    b, a = [], []
    for _ in range(repeat):
        b += timed(before, 1)
        a += timed(after, 1)
    mb, ma = statistics.median(b), statistics.median(a)
    print(f"{name:<44}{mb:>10.1f} ms{ma:>10.1f} ms{mb / ma:>8.1f}x")


#: the list pages timed whole: (label, query), each on page 1 and on its last numbered page (at most 501: 20 rows
#: a page, core.web.MAX_OFFSET)
PAGES = (("all", ""), ("open", "status=dispatched"), ("overdue", "due=overdue"), ("q=罕", "q=罕"))


def pages(users: dict, repeat: int, explain: bool) -> None:
    """Each persona's list pages, whole (medians, before and after alternating); with `explain`, where one call's
    time goes (after)."""
    for who, user in users.items():
        c = Client(HTTP_HOST="127.0.0.1")
        c.force_login(user)
        for label, query in PAGES:
            params = QueryDict(query)
            total = web.count_rows(KIND.filtered_from(user, params), selectors.count_pieces(user))[0]
            deep = min(501, max(1, -(-total // 20)))
            for page, url in ((1, f"/hotline/?{query}"), (deep, f"/hotline/?{query}&page={deep}")):
                timed_page(c, f"page, {who}, {label} ({total:,}), p.{page}", url, repeat, explain)


def timed_page(c, name: str, url: str, repeat: int, explain: bool) -> None:
    def walked(c=c):
        with mock.patch.object(web, "SORTED_READ_LIMIT", -1):
            assert c.get(url).status_code == 200

    def numbers() -> list[str]:
        return re.findall(r"B\d{9}", c.get(url).content.decode())

    with mock.patch.object(web, "SORTED_READ_LIMIT", -1):
        before = numbers()
    assert numbers() == before, name  # the same rows in the same order
    side_by_side(name, walked, lambda: c.get(url), repeat)
    if not explain:
        return
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        c.get(url)
    whole = (time.perf_counter() - t) * 1000
    sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    print(f"    {len(ctx.captured_queries)} queries {sql_ms:.1f} ms of {whole:.1f} ms")
    for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:3]:
        if float(q["time"]) < 0.005:
            break
        print(f"    {float(q['time']) * 1000:8.1f} ms  {q['sql'][:100]}")
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("EXPLAIN QUERY PLAN " + q["sql"])
                print("                 " + " | ".join(str(row[-1]) for row in cur.fetchall()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=1000000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--skip", default="", help="count,pages,search: parts not to run")
    ap.add_argument("--explain", action="store_true", help="pages: the slowest queries and their plans")
    args = ap.parse_args()
    from django.utils import timezone

    root = ensure_city()
    generate(root, args.tickets, timezone.localdate())
    callers(args.tickets)
    county = root.children.filter(kind=OrgKind.COUNTY).order_by("code").first() or root
    unit_id = (
        Ticket.objects.filter(unit__path__startswith=county.path)
        .values("unit_id")
        .order_by("unit_id")
        .first()
        or {}
    ).get("unit_id")
    users = {
        "city office": persona("bench-list-city", root, "office"),
        "county office": persona("bench-list-county", county, "office"),
        "unit clerk": persona("bench-list-clerk", Org.objects.get(pk=unit_id), "clerk"),
    }
    print(
        f"database: {connection.vendor}; tickets {Ticket.objects.count():,}; median of {args.repeat}, alternating"
    )
    print(f"{'path':<44}{'before':>13}{'after':>13}{'ratio':>9}")
    if "count" not in args.skip:
        for who, user in users.items():
            qs = selectors.visible_cases(user)
            pieces = selectors.count_pieces(user)
            n = web.count_rows(qs)[0]
            assert web.count_rows(qs, pieces)[0] == n, who
            side_by_side(
                f"count, {who} ({n:,})",
                lambda qs=qs: web.count_rows(qs),
                lambda qs=qs, p=pieces: web.count_rows(qs, p),
                args.repeat,
            )
        for who, user in users.items():
            c = Client(HTTP_HOST="127.0.0.1")
            c.force_login(user)

            def or_count(c=c):
                with mock.patch.object(selectors, "count_pieces", lambda user: None):
                    assert c.get("/hotline/").status_code == 200

            side_by_side(f"list page, {who}", or_count, lambda c=c: c.get("/hotline/"), args.repeat)
    if "pages" not in args.skip:
        pages(users, args.repeat, args.explain)
    if "search" not in args.skip:
        from fazhi.core import grams

        office = users["city office"]
        for term in ("张", "罕", "张三", "欧阳"):
            f = selectors.CaseFilters(q=term)
            with mock.patch.object(grams, "indexed_short", lambda t: False):
                n_before = selectors.filtered_cases(office, f).count()
            n_after = selectors.filtered_cases(office, f).count()
            assert n_before == n_after, (term, n_before, n_after)
            sql, params = selectors.filtered_cases(office, f).query.sql_with_params()
            with connection.cursor() as cur:
                cur.execute(
                    ("EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql, params
                )
                print(f"  plan, q={term}: " + " | ".join(str(r[-1]).strip() for r in cur.fetchall()))
            c = Client(HTTP_HOST="127.0.0.1")
            c.force_login(office)

            def scan(c=c, term=term):
                with mock.patch.object(grams, "indexed_short", lambda t: False):
                    assert c.get("/hotline/", {"q": term}).status_code == 200

            side_by_side(
                f"list page, q={term} ({n_after:,} rows)",
                scan,
                lambda c=c, term=term: c.get("/hotline/", {"q": term}),
                args.repeat,
            )


if __name__ == "__main__":
    main()
