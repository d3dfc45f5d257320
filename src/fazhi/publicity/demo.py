"""The demo city's 普法: each unit's 谁执法谁普法 责任清单 for the year and its activities (seed 001: "开展各类专题
讲座、培训、宣传580余场(次)" a year for a city of eight counties), some units falling short of their list."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import services
from .choices import ActivityKind

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
    return f"普法活动 {activities} 场、责任清单 {duties} 项"
