"""The demo-plan protocol of the app contract: how `fazhi demo` fills each domain app with a fictional city's
records, without the demo knowing the app.

A domain app declares `demo_plan = "fazhi.<app>.demo:load"` on its AppConfig. `fazhi demo` (fazhi.demo, the top
floor) builds one `DemoContext` per app and calls `load(ctx) -> str` inside a transaction, in INSTALLED_APPS order
(行政复议 and 行政应诉 first) after the org tree and users exist; the returned line (Chinese, e.g. "合法性审核 412 件、
规范性文件 96 件") is printed. Rules for a plan:

* **Deterministic**: decide only with `ctx.rng` (a `random.Random` seeded from the demo seed and the app's label,
  so adding an app never changes another app's data) and dates from `ctx.today`/`ctx.years`; never `datetime.now()`.
  Records that several apps plan together from one stream (a 复议 case decides the suit after it) come planned in
  `ctx.shared`, from fazhi.demo.
* **Through the services**: write with the app's own services (so history, events, numbers and deadlines are what
  the pages would have recorded), acting as `ctx.user(org, ...)`, inside `with ctx.on(day):` so history rows
  carry the day the step happened instead of today. Bulk writes only when `ctx.bulk` (bench scale).
* **Realistic**: volumes per year from the seed reports, scaled by `ctx.scale`; steps dated after `ctx.today` are
  not written, so recent records are open and some are overdue; a few records miss their targets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from .choices import OrgKind
from .models import Membership, Org

__all__ = ["DemoContext", "GIVEN_NAMES", "SURNAMES", "SURNAME_CUM_WEIGHTS", "sim_time"]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟"
    "汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
SURNAME_CUM_WEIGHTS = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(SURNAMES))))
GIVEN_NAMES = (
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 辉 鹏 华 红 飞 斌 宇 浩 凯 健 俊 帆 雪 琳 晶 欣 博 玲 婷 亮 "
    "秀英 秀兰 桂英 建华 建国 志强 海燕 玉兰 玉梅 秀珍 建军 国庆 国华 德明 永红 春梅 冬梅 金凤 淑芬 丽华 文华 卫东 小红 "
    "晓燕 晓东 晓明 振华 志刚 志勇 海涛 红梅 丽娟 雪梅 桂兰 宏伟 建平 俊杰 子涵 梓轩 浩然 雨萱 思远 一鸣 嘉怡 欣怡 明轩 "
    "天佑 佳琪 文博 宇航 鹏飞 晨曦 诗涵 立新 长青 福生 满仓 秀梅 爱华 建新 成林 占国 有才 金花 玉珍 凤英 兰英 春生 学文"
).split()


# While a demo plan replays a step, django-simple-history rows carry this time (fazhi.demo connects the signal).
_sim_time: list[dt.datetime | None] = [None]


def sim_time() -> dt.datetime | None:
    """The simulated time of the step being replayed, or None outside `DemoContext.on`."""
    return _sim_time[0]


@dataclass
class DemoContext:
    """What a demo plan gets: the demo jurisdiction, the clock, a seeded random source and the demo's people."""

    root: Org  # the demo city (its subtree is the demo jurisdiction)
    today: dt.date
    seed: int
    label: str  # the app's label; seeds `rng`
    scale: float = 1.0  # volumes multiplier (1 = the seeds' volumes for a prefecture-level city)
    bulk: bool = False  # bench scale: write rows in batches, no history
    # One dict for every plan of a run: what fazhi.demo plans for several apps at once (the 复议 and 应诉 cases share
    # one random stream, a 复议 case deciding the suit after it), under a key the apps name
    shared: dict[str, Any] = field(default_factory=dict)
    rng: random.Random = field(init=False)
    _orgs: list[Org] = field(init=False, default_factory=list)
    _members: list[Membership] = field(init=False, default_factory=list)
    _seq: Iterator[int] = field(init=False, default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:{self.label}")  # noqa: S311 - reproducible demo data, not a secret
        self._orgs = list(self.root.subtree().order_by("path"))
        self._members = list(
            Membership.objects.filter(org__in=self._orgs, user__is_active=True)
            .select_related("user", "org")
            .order_by("user__username")
        )

    # -- time ---------------------------------------------------------------------------------------------
    @property
    def years(self) -> tuple[int, int, int]:
        """The demo's years: the two full years before this one and this year to date."""
        y = self.today.year
        return (y - 2, y - 1, y)

    def days(self, year: int) -> list[dt.date]:
        """Every day of `year` up to today."""
        first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), self.today)
        return [first + dt.timedelta(n) for n in range((last - first).days + 1)]

    @contextlib.contextmanager
    def on(self, day: dt.date) -> Iterator[dt.datetime]:
        """Replay writes as of `day` (office hours): history rows are dated then, never after now."""
        n = next(self._seq)
        minutes = 9 * 60 + (n * 37) % (8 * 60)
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))
        when = min(when, timezone.now() - dt.timedelta(minutes=1))
        previous = _sim_time[0]
        _sim_time[0] = when
        try:
            yield when
        finally:
            _sim_time[0] = previous

    # -- places -------------------------------------------------------------------------------------------
    def orgs(self, *kinds: str) -> list[Org]:
        """The demo's orgs of these kinds (OrgKind values), in tree order; all of them without kinds."""
        return [o for o in self._orgs if not kinds or o.kind in kinds]

    def jurisdictions(self) -> list[Org]:
        """The city and its counties (the governments with a 法治办)."""
        return self.orgs(OrgKind.PROVINCE, OrgKind.CITY, OrgKind.COUNTY)

    def units(self, under: Org | None = None) -> list[Org]:
        """Units (单位) directly under `under` (a jurisdiction or township), or all units of the demo."""
        return [o for o in self.orgs(OrgKind.UNIT) if under is None or o.parent_id == under.id]

    def unit(self, under: Org, key: str) -> Org | None:
        """The unit of `under` whose code ends with `-key` (the keys of fazhi.demo.city: "market", "justice" …)."""
        return next((o for o in self.units(under) if o.code.rsplit("-", 1)[-1] == key), None)

    # -- people -------------------------------------------------------------------------------------------
    def user(self, org: Org, *roles: str) -> Any:
        """A demo user who acts for `org`: its member with the first of `roles` found, else the nearest such
        member up the tree, else the superuser."""
        by_id = {o.id: o for o in self._orgs}
        node: Org | None = org
        while node is not None:
            for role in roles or ("office", "reviewer", "clerk", "admin"):
                for m in self._members:
                    if m.org_id == node.id and m.role_id == role:
                        return m.user
            node = by_id.get(node.parent_id) if node.parent_id else None
        return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("id").first()

    def person(self) -> str:
        """A plausible Chinese personal name."""
        return self.rng.choices(SURNAMES, cum_weights=SURNAME_CUM_WEIGHTS)[0] + self.rng.choice(GIVEN_NAMES)

    def pick(self, weights: dict[Any, float]) -> Any:
        """A key of `weights`, drawn with those weights."""
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def count(self, per_year: float, year: int) -> int:
        """How many records `per_year` (at scale 1, whole year) gives for `year`, scaled and cut at today."""
        days = len(self.days(year))
        full = 366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365
        return max(0, round(per_year * self.scale * days / full))
