"""The portal's search (fazhi.portal.search), old against new per query, side by side in one run, on the database
FAZHI_DATABASE_URL names (SQLite by default; PostgreSQL from scripts/pg):

- old: the in-memory SQLite FTS5 index of commit --old-rev, keyed by a digest of every public entry recomputed on
  each query (its source is read from git, so the comparison runs the code as it was);
- new: the persistent index (portal.SearchEntry: FTS5 trigram table on SQLite, pg_trgm GIN on PostgreSQL),
  whose per-query cost is the freshness check plus the query; and what a change costs the next search;
- terms of one or two characters (城, 供热; surnames 张, 罕, 张三, 欧阳 in a 联系人 line of some entries): the grams
  index (fazhi.core.grams; FTS5 on SQLite, a GIN index on PostgreSQL) against a substring scan of the same stored
  index, calls alternating, same rows asserted (`--short-only`: these alone); on PostgreSQL also what the search
  chooses (the text test when the planner would test each row's grams instead of reading the GIN index:
  portal.search._matching), with terms in 2% to 50% of the entries to show where the two cross.

    .venv/bin/python bench/portal_search.py --entries 5000

The entries are synthetic Chinese titles and texts (a few hundred characters each, like a 规范性文件 or a 执法公示
item), given by a section of the bench's own (key "bench"), stored for the first jurisdiction and removed at the
end. Neither side counts reading the sections' records from the database (the old code re-read them on every
query besides), so the old figures are a lower bound."""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import types
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from _setup import summary, timed
from django.db import connection

from fazhi.core.models import Org
from fazhi.core.public import PublicEntry, PublicSection
from fazhi.portal import search as searching
from fazhi.portal.models import IndexedSection, SearchEntry, SectionStamp
from fazhi.portal.views import portal_orgs

WORDS = "城市 供热 管理 办法 行政 执法 公示 决定 处罚 许可 规范性 文件 市场 监督 安全 生产 环境 保护 交通 运输 自然 资源 住房 建设 教育 卫生 健康 农业 农村 水利 消防 应急 食品 药品 价格 听证 规划 道路 燃气 物业".split()
KEY = "bench"
QUERIES = [
    ("common, 4 characters (供热管理)", "供热管理"),
    ("rare, 5 characters (澜川湖湿地)", "澜川湖湿地"),
    ("two terms (城市 供热)", "城市 供热"),
    ("two characters, common (供热)", "供热"),
    ("two characters, rare (湿地)", "湿地"),
    ("one character, common (城)", "城"),
    ("one character, rare (澜)", "澜"),
]
#: a surname in about one entry of five (联系人), 欧阳 in one of 500 and 罕 in one of 2,000: the 12345 list's terms
NAMES = [
    ("surname, common (张)", "张"),
    ("surname, rare (罕)", "罕"),
    ("name, two characters (张三)", "张三"),
    ("surname, two characters (欧阳)", "欧阳"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑"
#: two-character terms in a set share of the entries (in the summary line): where the grams index and the scan
#: cross on PostgreSQL, and where its planner stops reading the GIN index
SHARES = [
    ("share 50% (湖泊)", "湖泊", 0.5),
    ("share 25% (山林)", "山林", 0.25),
    ("share 10% (河道)", "河道", 0.1),
    ("share 5% (草原)", "草原", 0.05),
    ("share 2% (冰川)", "冰川", 0.02),
]
SHORT = [(label, q) for label, q in QUERIES if len(q) < 3] + NAMES + [(label, q) for label, q, _ in SHARES]


def entries(n: int, rng: random.Random) -> list[PublicEntry]:
    def text(k: int) -> str:
        return "".join(rng.choice(WORDS) for _ in range(k))

    def contact() -> str:
        r = rng.random()
        if r < 0.0005:
            return "联系人罕明"
        if r < 0.0025:
            return "联系人欧阳明"
        if r < 0.005:
            return "联系人张三"
        return f"联系人{rng.choice(SURNAMES)}明" if r < 0.2 else ""

    def topics() -> str:
        return "，".join(w for _, w, share in SHARES if rng.random() < share)

    out = [
        PublicEntry(text(6), f"/x/{i}/", date(2025, 1, 1), text(4) + "。" + topics(), text(120) + contact())
        for i in range(n)
    ]
    out[n // 2] = PublicEntry("澜川湖湿地保护办法", "/x/rare/", date(2025, 1, 1), text(4), text(120))
    return out


def old_module(rev: str) -> types.ModuleType:
    root = Path(__file__).resolve().parents[1]
    source = subprocess.run(
        ["git", "-C", str(root), "show", f"{rev}:src/fazhi/portal/search.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    mod = types.ModuleType("old_portal_search")
    sys.modules[mod.__name__] = mod  # its dataclasses look their module up
    exec(compile(source, f"{rev}:search.py", "exec"), mod.__dict__)  # noqa: S102 - the project's own old code
    return mod


def median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2]


@contextmanager
def grams_always():
    """Short terms always read by their grams, whatever the planner does with them (as before the text test)."""
    saved = searching.reads_index
    searching.reads_index = lambda qs: True
    try:
        yield
    finally:
        searching.reads_index = saved


@contextmanager
def scan_only():
    """Short terms answered by a substring scan of the stored index, as before the grams index."""
    saved = searching.indexed_short
    searching.indexed_short = lambda term: False
    try:
        yield
    finally:
        searching.indexed_short = saved


def clean() -> None:
    SearchEntry.objects.filter(section=KEY).delete()
    IndexedSection.objects.filter(section=KEY).delete()
    SectionStamp.objects.filter(section=KEY).delete()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, nargs="+", default=[5000])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument(
        "--old-rev", default="3d70c8b", help="a commit with the in-memory index (default: the last)"
    )
    ap.add_argument(
        "--short-only",
        action="store_true",
        help="only the terms of one or two characters: grams against scan",
    )
    args = ap.parse_args()
    old = old_module(args.old_rev)
    org = portal_orgs().first() or Org.objects.create(code="bench-portal", name="基准市人民政府", kind="city")
    print(f"database: {connection.vendor}; portal {org.code}; old code from {args.old_rev}")
    rng = random.Random(15)
    for n in args.entries:
        pool = entries(n, rng)
        section = PublicSection(
            key=KEY, title="文件", order=1, entries=lambda org, pool=pool: pool, changes_with=("core.Org",)
        )
        searching.indexed_sections = lambda section=section: [section]  # only the bench's section is searched
        clean()
        try:
            print(f"-- {n} entries")
            first = timed(lambda: searching.refresh(org, force=True), 1)
            print(summary("new: building the stored index (once)", first))
            if connection.vendor == "postgresql":  # fresh rows: statistics as autovacuum would soon give them
                with connection.cursor() as cur:
                    cur.execute("ANALYZE portal_searchentry")
            for label, q in [] if args.short_only else QUERIES:
                old_ms = timed(lambda q=q, pool=pool: old.search([("文件", list(pool))], q), args.repeat)
                new_ms = timed(lambda q=q: searching.search(org, q), args.repeat)
                print(summary(f"old: {label}", old_ms))
                print(summary(f"new: {label}", new_ms))
                print(
                    f"{'':48} new/old median ratio {sorted(new_ms)[len(new_ms) // 2] / sorted(old_ms)[len(old_ms) // 2]:.3f}"
                )
            # the terms of one or two characters: the grams index against the substring scan of the same stored
            # index that answered them before migration 0003 (grams switched off), same rows asserted
            # and what the search chooses (on PostgreSQL the text test when the planner would not read the index)
            for label, q in SHORT:
                grams_ms, scan_ms, auto_ms = [], [], []
                for _ in range(args.repeat):  # alternating, so the machine's load falls on all alike
                    with grams_always():
                        grams_ms += timed(lambda q=q: searching.search(org, q), 1)
                    with scan_only():
                        scan_ms += timed(lambda q=q: searching.search(org, q), 1)
                    auto_ms += timed(lambda q=q: searching.search(org, q), 1)
                with scan_only():
                    scanned = [h.entry.url for h in searching.search(org, q)]
                with grams_always():
                    assert [h.entry.url for h in searching.search(org, q)] == scanned, q
                assert [h.entry.url for h in searching.search(org, q)] == scanned, q
                plan = ""
                if connection.vendor == "postgresql":
                    with grams_always():
                        qs = searching._matching(org, [q], [KEY])
                    chosen = (
                        "grams" if "_grams" in str(searching._matching(org, [q], [KEY]).query) else "text"
                    )
                    read = "GIN index" if searching.reads_index(qs) else "row by row"
                    plan = f"; grams plan: {read} → chosen: {chosen}"
                print(summary(f"scan: {label}", scan_ms))
                print(summary(f"grams: {label}", grams_ms))
                print(summary(f"chosen: {label}", auto_ms))
                print(
                    f"{'':48} grams/scan {median(grams_ms) / median(scan_ms):.3f}, "
                    f"chosen/scan {median(auto_ms) / median(scan_ms):.3f}, "
                    f"chosen/grams {median(auto_ms) / median(grams_ms):.3f}{plan}"
                )
            if args.short_only:
                continue
            hits_old = {h.entry.url for h in old.search([("文件", pool)], "澜川湖湿地")}
            hits_new = {h.entry.url for h in searching.search(org, "澜川湖湿地")}
            assert hits_old == hits_new == {"/x/rare/"}, (hits_old, hits_new)

            def change_one(pool: list[PublicEntry] = pool, n: int = n) -> None:
                i = rng.randrange(n)
                e = pool[i]
                pool[i] = PublicEntry(e.title + "（修订）", e.url, e.on, e.summary, e.text)
                SectionStamp.objects.update_or_create(section=KEY, defaults={"stamp": rng.randrange(1 << 40)})
                searching.search(org, "供热管理")

            print(
                summary(
                    "new: search after one entry changed (re-read)",
                    timed(change_one, max(3, args.repeat // 4)),
                )
            )
            print(
                summary(
                    "Python substring scan (unranked)",
                    timed(
                        lambda pool=pool: [e for e in pool if "供热管理" in e.title or "供热管理" in e.text][
                            :50
                        ],
                        args.repeat,
                    ),
                )
            )
        finally:
            clean()


if __name__ == "__main__":
    main()
