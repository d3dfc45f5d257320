"""The demo city's 普法: each unit's 谁执法谁普法 责任清单 for the year and its activities (seed 001: "开展各类专题
讲座、培训、宣传580余场(次)" a year for a city of eight counties), some units falling short of their list."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import services
from .choices import ActivityKind, ReviewResult, SiteKind, VillageLevel

LAWS = ("宪法", "民法典", "行政处罚法", "安全生产法", "食品安全法", "道路交通安全法", "反电信网络诈骗法")
PLACES = ("文化广场", "社区服务中心", "村委会", "中学", "集贸市场", "企业会议室", "政务服务大厅")
KINDS = {
    ActivityKind.LECTURE: 3,
    ActivityKind.OUTREACH: 3,
    ActivityKind.CAMPAIGN: 2,
    ActivityKind.CASE_TEACHING: 1,
    ActivityKind.CONSULTATION: 2,
    ActivityKind.CULTURE: 1,
    ActivityKind.ONLINE: 1,
}


def load(ctx: DemoContext) -> str:
    activities = duties = 0
    units = ctx.units()
    for unit in units:
        actor = ctx.user(unit, "clerk", "office")
        for year in ctx.years:
            start = dt.date(year, 1, 15)
            if start > ctx.today:
                continue
            with ctx.on(start):
                law = ctx.rng.choice(LAWS)
                services.add_duty(
                    actor=actor, unit=unit, year=year, item=f"开展《{law}》宣传", laws=law, required=4
                )
                services.add_duty(
                    actor=actor,
                    unit=unit,
                    year=year,
                    item="开展以案释法",
                    kind=ActivityKind.CASE_TEACHING,
                    required=1,
                )
                duties += 2
            days = [d for d in ctx.days(year) if d.weekday() < 6]
            n = ctx.count(ctx.rng.choice((3, 4, 5, 6)), year)
            for _ in range(n):
                day = ctx.rng.choice(days)
                kind = ctx.pick(KINDS)
                with ctx.on(day):
                    services.register_activity(
                        actor=actor,
                        unit=unit,
                        kind=kind,
                        title=f"{ctx.rng.choice(LAWS)}宣传进{ctx.rng.choice(PLACES)}",
                        held_on=day,
                        place=ctx.rng.choice(PLACES),
                        audience=ctx.rng.randint(30, 600),
                        materials=ctx.rng.randint(0, 800),
                        lecturers=ctx.person(),
                        media=f"https://www.example.gov.cn/pufa/{year}/{activities + 1}.html"
                        if ctx.rng.random() < 0.3
                        else "",
                    )
                activities += 1
    registers = _registers(ctx)
    return f"普法活动 {activities} 场、责任清单 {duties} 项、{registers}"


SITE_KINDS = {
    SiteKind.WALL: 4,
    SiteKind.BOARD: 3,
    SiteKind.CORRIDOR: 2,
    SiteKind.SQUARE: 1,
    SiteKind.PARK: 1,
    SiteKind.LIBRARY: 2,
    SiteKind.BASE: 0.3,
}
SITE_THEMES = ("宪法", "民法典", "法治", "清风", "平安", "德法")
LEVELS = {
    VillageLevel.NATIONAL: 0.1,
    VillageLevel.PROVINCIAL: 0.4,
    VillageLevel.CITY: 1,
    VillageLevel.COUNTY: 1,
}
REVIEWS = {ReviewResult.PASSED: 0.85, ReviewResult.RECTIFY: 0.1, ReviewResult.REVOKED: 0.05}
VILLAGE_HEADS = (
    "石桥",
    "柳林",
    "青山",
    "河口",
    "新民",
    "永安",
    "桃源",
    "双河",
    "红旗",
    "杨家",
    "马场",
    "龙潭",
)
VILLAGE_TAILS = ("村", "社区")
TOWNS = ("城关镇", "河西街道", "东山乡")


def _registers(ctx: DemoContext) -> str:
    """Each jurisdiction's 司法局 registers its 法治文化阵地, 民主法治示范村（社区） (reviewed the next year) and
    法律明白人 (seed 001: "培养“法律明白人”8056人"; a few per village), at the demo's scale."""
    sites = villages = people = 0
    for j in ctx.jurisdictions():
        unit = ctx.unit(j, "justice") or ctx.units(j)[0]
        actor = ctx.user(unit, "clerk", "office")
        towns = [t.name for t in ctx.orgs("township") if t.path.startswith(j.path)] or list(TOWNS)
        named: set[str] = set()
        for year in ctx.years:
            days = ctx.days(year)
            for _ in range(ctx.count(8, year)):
                day = ctx.rng.choice(days)
                kind = ctx.pick(SITE_KINDS)
                town = ctx.rng.choice(towns)
                with ctx.on(day):
                    site = services.add_site(
                        actor=actor,
                        unit=unit,
                        name=f"{town}{ctx.rng.choice(SITE_THEMES)}{SiteKind(kind).label.removesuffix('（展馆）')}",
                        kind=kind,
                        township=town,
                        location=f"{ctx.rng.choice(VILLAGE_HEADS)}{ctx.rng.choice(VILLAGE_TAILS)}",
                        built_on=day - dt.timedelta(days=ctx.rng.randint(10, 60)),
                        accepted_on=day,
                    )
                sites += 1
                gone = day + dt.timedelta(days=ctx.rng.randint(200, 700))
                if ctx.rng.random() < 0.05 and gone <= ctx.today:
                    with ctx.on(gone):
                        services.close_site(site=site, actor=actor, closed_on=gone)
            for _ in range(ctx.count(3, year)):
                village = f"{ctx.rng.choice(VILLAGE_HEADS)}{ctx.rng.choice(VILLAGE_TAILS)}"
                level = ctx.pick(LEVELS)
                if f"{village}/{level}" in named:
                    continue
                named.add(f"{village}/{level}")
                day = ctx.rng.choice(days)
                with ctx.on(day):
                    v = services.add_village(
                        actor=actor,
                        unit=unit,
                        village=village,
                        township=ctx.rng.choice(towns),
                        level=level,
                        named_on=day,
                        batch=f"第{year - 2000}批{VillageLevel(level).label}民主法治示范村（社区）",
                    )
                villages += 1
                review = dt.date(year + 1, 11, ctx.rng.randint(1, 28))
                if review <= ctx.today:
                    with ctx.on(review):
                        services.review_village(
                            village=v,
                            actor=actor,
                            year=year + 1,
                            reviewed_on=review,
                            result=ctx.pick(REVIEWS),
                        )
            for _ in range(ctx.count(40, year)):
                day = ctx.rng.choice(days)
                people += 1
                with ctx.on(day):
                    person = services.add_literate(
                        actor=actor,
                        unit=unit,
                        name=ctx.person(),
                        phone=f"1{ctx.rng.choice('3589')}{ctx.rng.randint(0, 999_999_999):09d}",
                        village=f"{ctx.rng.choice(VILLAGE_HEADS)}{ctx.rng.choice(VILLAGE_TAILS)}",
                        township=ctx.rng.choice(towns),
                        registered_on=day,
                        trained_hours=ctx.rng.choice((8, 12, 16, 24)),
                        training="“法律明白人”培养工程集中培训",
                        certificate=f"{j.code}{year}{people:05d}",  # digits, as the certificates print them
                    )
                left = day + dt.timedelta(days=ctx.rng.randint(100, 600))
                if ctx.rng.random() < 0.03 and left <= ctx.today:
                    with ctx.on(left):
                        services.withdraw_literate(person=person, actor=actor, left_on=left)
    return f"法治文化阵地 {sites} 处、示范村 {villages} 个、法律明白人 {people} 人"
