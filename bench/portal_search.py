"""The portal's search (fazhi.portal.search): an in-memory SQLite FTS5 trigram index built per query from a
jurisdiction's public entries, against a plain substring scan of the same entries, side by side in one run.

    .venv/bin/python bench/portal_search.py --entries 2000 5000 20000

The entries are synthetic Chinese titles and texts (a few hundred characters each, like a 规范性文件 or a
执法公示 item). No database is needed: the search takes the entries the sections return."""

from __future__ import annotations

import argparse
import random
from datetime import date

from _setup import summary, timed

from fazhi.core.public import PublicEntry
from fazhi.portal.search import _fingerprint, _Index, search

WORDS = "城市 供热 管理 办法 行政 执法 公示 决定 处罚 许可 规范性 文件 市场 监督 安全 生产 环境 保护 交通 运输 自然 资源 住房 建设 教育 卫生 健康 农业 农村 水利 消防 应急 食品 药品 价格 听证 规划 道路 燃气 物业".split()


def entries(n: int, rng: random.Random) -> list[PublicEntry]:
    def text(k: int) -> str:
        return "".join(rng.choice(WORDS) for _ in range(k))

    return [PublicEntry(text(6), f"/x/{i}/", date(2025, 1, 1), text(4), text(120)) for i in range(n)]


def scan(pool, q: str) -> list:
    return [(s, e) for s, es in pool for e in es if q in e.title or q in e.summary or q in e.text][:50]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, nargs="+", default=[2000, 5000, 20000])
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    rng = random.Random(15)
    for n in args.entries:
        pool = [("文件", entries(n, rng))]
        print(f"-- {n} entries")
        build = timed(lambda pool=pool: _Index(pool), max(1, args.repeat // 3))
        fts = timed(lambda pool=pool: search(pool, "供热管理"), args.repeat)
        short = timed(lambda pool=pool: search(pool, "供热"), args.repeat)
        digest = timed(lambda pool=pool: _fingerprint(pool), args.repeat)
        plain = timed(lambda pool=pool: scan(pool, "供热管理"), args.repeat)
        print(summary("building the FTS5 trigram index (first search)", build))
        print(summary("search, index kept (digest + MATCH + bm25)", fts))
        print(summary("two-character query (LIKE fallback)", short))
        print(summary("digest of the entries alone", digest))
        print(summary("Python substring scan (unranked)", plain))


if __name__ == "__main__":
    main()
