"""The demo city's 人大代表建议 and 政协委员提案: assigned after the spring sessions (一般在3月交办), answered mostly
within the local time limit, with the proposers' opinions; the current year's partly open."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import services
from .choices import Category, Kind, Satisfaction

TITLES = (
    "关于加强农贸市场食品安全监管的建议",
    "关于优化营商环境、规范涉企检查的建议",
    "关于加快老旧小区改造的建议",
    "关于加强校园周边交通安全管理的建议",
    "关于推进法治乡村建设的建议",
    "关于规范城市停车收费的建议",
)


def load(ctx: DemoContext) -> str:
    n = 0
    for org in ctx.jurisdictions():
        units = ctx.units(org)
        if not units:
            continue
        actor = ctx.user(org, "office")
        for year in ctx.years:
            assigned = dt.date(year, 3, 20)
            if assigned > ctx.today:
                continue
            for kind, per_year in (
                (Kind.NPC, 40 if org.parent_id is None else 15),
                (Kind.CPPCC, 30 if org.parent_id is None else 10),
            ):
                session = f"{org.short_name or org.name}{'人大' if kind == Kind.NPC else '政协'}{year}年会议"
                for i in range(1, max(1, round(per_year * ctx.scale)) + 1):
                    unit = ctx.rng.choice(units)
                    with ctx.on(assigned):
                        p = services.assign(
                            actor=actor,
                            unit=unit,
                            kind=kind,
                            number=str(i),
                            session=session,
                            title=ctx.rng.choice(TITLES),
                            proposer=ctx.person(),
                            assigned_on=assigned,
                        )
                    n += 1
                    clerk = ctx.user(unit, "clerk", "office")
                    answered = assigned + dt.timedelta(days=ctx.rng.randint(30, 100))
                    if answered > ctx.today:
                        continue
                    with ctx.on(answered):
                        services.answer(
                            case=p,
                            actor=clerk,
                            answered_on=answered,
                            category=ctx.pick(
                                {Category.SOLVED: 5, Category.PLANNED: 4, Category.REFERENCE: 1}
                            ),
                        )
                    heard = answered + dt.timedelta(days=ctx.rng.randint(5, 20))
                    if heard > ctx.today:
                        continue
                    with ctx.on(heard):
                        services.feedback(
                            case=p,
                            actor=clerk,
                            satisfaction=ctx.pick(
                                {
                                    Satisfaction.SATISFIED: 8,
                                    Satisfaction.BASIC: 2,
                                    Satisfaction.DISSATISFIED: 0.3,
                                }
                            ),
                            on=heard,
                        )
                        services.close(case=p, actor=clerk, closed_on=heard)
    return f"建议提案 {n} 件"
