"""The demo city's petitions: a year of 来信、来访、网上信访 to the city's and counties' departments, written through
the services; most are accepted and answered in time, some routed to 复议/诉讼 (诉访分离), a few go to 复查 and
复核, a few are late, and repeat petitioners come back on the same subject."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import selectors, services
from .choices import Answer, Category, Channel, Opinion, Route

PER_YEAR = 400
SUBJECTS = {
    "natural_resources": ["征地补偿标准", "宅基地审批", "土地确权"],
    "housing": ["房屋质量问题", "物业管理纠纷", "拆迁安置"],
    "hrss": ["拖欠农民工工资", "社保待遇核定", "工伤认定"],
    "market": ["预付卡退费", "食品安全投诉"],
    "urban": ["违法建筑查处", "占道经营"],
    "ecology": ["噪声扰民", "企业排污"],
}
CHANNELS = {Channel.LETTER: 20, Channel.VISIT: 25, Channel.ONLINE: 45, Channel.PHONE: 5, Channel.LEADER: 5}
CATEGORIES = {Category.CLAIM: 70, Category.SUGGESTION: 15, Category.ACCUSATION: 15}


LEADERS = {"city": ("市长", "常务副市长", "副市长"), "county": ("县长", "常务副县长", "副县长")}


def _reception_days(ctx: DemoContext, org) -> list[tuple[dt.date, str, str]]:
    """The jurisdiction's 领导接访日: monthly, the first working day from the 15th, each with its leader."""
    titles = LEADERS.get(org.kind, LEADERS["county"])
    leaders = [(ctx.person(), t) for t in titles]
    out = []
    for year in ctx.years:
        for month in range(1, 13):
            day = dt.date(year, month, 15)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            if day <= ctx.today:
                name, title = leaders[(month - 1) % len(leaders)]
                out.append((day, name, title))
    return out


def load(ctx: DemoContext) -> str:
    rng = ctx.rng
    units = [u for u in ctx.units() if u.code.rsplit("-", 1)[-1] in SUBJECTS] or ctx.jurisdictions()
    regulars: list[tuple[str, str]] = []
    counts = {"received": 0, "routed": 0, "answered": 0, "linked": 0, "receptions": 0}
    receptions = {j.pk: _reception_days(ctx, j) for j in ctx.jurisdictions()}
    taken_up: dict[tuple[int, dt.date], list] = {}

    def on_or_before_today(day: dt.date) -> bool:
        return day <= ctx.today

    for year in ctx.years:
        days = ctx.days(year)
        for _ in range(ctx.count(PER_YEAR, year)):
            unit = rng.choice(units)
            key = unit.code.rsplit("-", 1)[-1]
            received = rng.choice(days)
            if regulars and rng.random() < 0.08:
                petitioner, subject = rng.choice(regulars)
            else:
                petitioner, subject = ctx.person(), rng.choice(SUBJECTS.get(key, ["其他诉求"]))
                if rng.random() < 0.05:
                    regulars.append((petitioner, subject))
            channel = ctx.pick(CHANNELS)
            people = rng.choice([1, 1, 1, 3, 8]) if channel == Channel.VISIT else 1
            actor = ctx.user(unit)
            leader = ""
            if channel == Channel.LEADER:  # came on the jurisdiction's next reception day
                jurisdiction = unit.jurisdiction()
                later = [r for r in receptions.get(jurisdiction.pk, []) if r[0] >= received]
                if later:
                    received, name, title = later[0]
                    leader = f"{title}{name}"
                else:
                    channel = Channel.VISIT
            with ctx.on(received):
                p = services.register_petition(
                    actor=actor,
                    unit=unit,
                    channel=channel,
                    petitioner=petitioner,
                    people=people,
                    representatives=min(people, 5) if people > 1 else 0,
                    received_by=leader,
                    category=ctx.pick(CATEGORIES),
                    subject=subject,
                    content=f"反映{subject}问题，请求依法处理",
                    received_on=received,
                )
            counts["received"] += 1
            if leader:
                taken_up.setdefault((unit.jurisdiction().pk, received), []).append(p)
            disposed = received + dt.timedelta(days=rng.choice([1, 3, 5, 8, 12, 14, 18]))
            if not on_or_before_today(disposed):
                continue
            if p.category == Category.CLAIM and rng.random() < 0.15:
                route = rng.choice([Route.RECONSIDERATION, Route.LITIGATION, Route.ARBITRATION])
                # the 案号 suggestions the page gives: the actor's cases of that channel since the petition
                choices = (
                    selectors.case_choices(actor, p, route=route, limit=20) if rng.random() < 0.6 else []
                )
                number = rng.choice(choices)[0] if choices else ""
                with ctx.on(disposed):
                    services.route(
                        case=p,
                        actor=actor,
                        routed_on=disposed,
                        route=route,
                        reason="属于依法通过法定途径解决的事项，已告知信访人向有关机关提出",
                        case_number=number,
                    )
                counts["routed"] += 1
                counts["linked"] += bool(number)
                continue
            with ctx.on(disposed):
                services.accept(case=p, actor=actor, accepted_on=disposed)
            took = rng.choice([10, 20, 30, 45, 55, 58, 70])
            if took > 60 and rng.random() < 0.5:
                with ctx.on(disposed):
                    services.extend(
                        case=p, actor=actor, days=30, reason="情况复杂，需多部门会商，经负责人批准"
                    )
            answered = disposed + dt.timedelta(days=took)
            if not on_or_before_today(answered):
                continue
            with ctx.on(answered):
                services.answer(
                    case=p,
                    actor=actor,
                    answered_on=answered,
                    answer=ctx.pick({Answer.SUPPORT: 40, Answer.EXPLAIN: 40, Answer.REJECT: 20}),
                )
            counts["answered"] += 1
            if p.answer != Answer.REJECT or rng.random() > 0.3:
                continue
            asked = answered + dt.timedelta(days=rng.choice([5, 15, 25]))
            if not on_or_before_today(asked):
                continue
            with ctx.on(asked):
                services.request_review(case=p, actor=actor, requested_on=asked)
            reviewed = asked + dt.timedelta(days=rng.choice([15, 25, 29]))
            if not on_or_before_today(reviewed):
                continue
            with ctx.on(reviewed):
                services.review(case=p, actor=actor, reviewed_on=reviewed, opinion=Opinion.UPHOLD)
            if rng.random() > 0.4:
                continue
            asked = reviewed + dt.timedelta(days=rng.choice([10, 20]))
            if not on_or_before_today(asked):
                continue
            with ctx.on(asked):
                services.request_recheck(case=p, actor=actor, requested_on=asked)
            done = asked + dt.timedelta(days=rng.choice([20, 28]))
            if on_or_before_today(done):
                with ctx.on(done):
                    services.recheck(case=p, actor=actor, rechecked_on=done, opinion=Opinion.UPHOLD)
    for j in ctx.jurisdictions():
        office = ctx.user(j)
        for day, name, title in receptions[j.pk]:
            petitions = taken_up.get((j.pk, day), [])
            with ctx.on(day):
                services.record_reception(
                    actor=office,
                    unit=j,
                    leader=name,
                    leader_title=title,
                    held_on=day,
                    place=f"{j.short_name or j.name}人民来访接待中心",
                    visitors=len(petitions) + rng.randint(0, 6),
                    matters="、".join(sorted({x.subject for x in petitions}))
                    or "接待群众来访，现场答复政策咨询",
                    petitions=petitions,
                )
            counts["receptions"] += 1
    return (
        f"信访事项 {counts['received']} 件（导入法定途径 {counts['routed']} 件，其中关联复议、诉讼案件 "
        f"{counts['linked']} 件；书面答复 {counts['answered']} 件）；领导接访 {counts['receptions']} 次"
    )
