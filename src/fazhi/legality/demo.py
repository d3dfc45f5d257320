"""The demo city's 合法性审核 and its 法律顾问/公职律师 register (core/demoplan.py).

Volumes from the seed reports: a city government reviews a few hundred drafts, contracts and 涉法事务 a year
("审查各类决策事项490件", "州政府 96 件（含重大合同及框架协议 19 件）"), a county tens ("审查合法性文件共9件，
出具各类意见建议73份"); a city retains about six 法律顾问 and has tens of 公职律师 ("聘请法律顾问6名，发展公职律师
87名"). Some submitters leave less than 7 working days, some opinions come late, recent requests are still open and
a few are overdue."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext
from fazhi.law.calendar import WorkCalendar

from . import services
from .choices import CounselKind, Opinion, SubjectKind
from .models import Counsel

# Requests per year at scale 1, for the city; a county gets its weight's share of COUNTY_BASE.
CITY_PER_YEAR = 110
COUNTY_BASE = 45
COUNTY_WEIGHTS = {"990102": 0.9, "990121": 0.7, "990122": 0.6, "990123": 0.45, "990124": 0.35}

KINDS = {
    SubjectKind.NORMATIVE: 0.28,
    SubjectKind.DECISION: 0.06,
    SubjectKind.CONTRACT: 0.34,
    SubjectKind.ENFORCEMENT: 0.16,
    SubjectKind.OTHER: 0.16,
}
TITLES = {
    SubjectKind.NORMATIVE: [
        "{u}关于{t}的管理办法（送审稿）",
        "{u}{t}实施细则（征求意见稿）",
        "关于进一步规范{t}的通知（草案）",
    ],
    SubjectKind.DECISION: ["{t}专项规划（草案）", "关于调整{t}政策的决定（草案）"],
    SubjectKind.CONTRACT: ["{t}项目合作框架协议", "{t}特许经营协议", "{t}政府采购合同", "{t}征收补偿协议"],
    SubjectKind.ENFORCEMENT: ["{t}重大行政处罚决定", "{t}责令停产停业决定"],
    SubjectKind.OTHER: ["关于{t}的法律意见征询", "{t}信访事项处理意见", "{t}行政复议答复意见"],
}
TOPICS = [
    "城市供水",
    "老旧小区改造",
    "农村宅基地",
    "生活垃圾分类",
    "停车收费",
    "失业保险",
    "企业登记",
    "燃气安全",
    "公共租赁住房",
    "河道采砂",
    "餐饮油烟",
    "建筑工地扬尘",
    "农贸市场",
    "客运出租汽车",
    "医疗机构",
    "集体土地征收",
    "养老服务",
    "中小学校外培训",
    "招商引资",
    "物业服务",
]
POINTS = [
    "第{n}条设定的罚款超出上位法规定的处罚种类和幅度，建议删除。",
    "第{n}条要求申请人提供的证明材料无法律依据，建议删除。",
    "第{n}条“本地注册”的要求可能排除外地经营者，建议进行公平竞争审查。",
    "建议补充制定依据，列明所依据的法律、法规和规章。",
    "第{n}条表述不严谨，建议将“可以”修改为“应当”。",
    "建议明确施行日期和有效期。",
    "协议第{n}条违约责任约定不对等，建议修改。",
    "建议补充争议解决条款，约定由有管辖权的人民法院管辖。",
    "第{n}条涉及减损公民权益，缺少法律依据，建议删除。",
    "建议履行公开征求意见程序后再提请审议。",
]
FIRMS = [
    "澜江律师事务所",
    "澜川正信律师事务所",
    "东岭明德律师事务所",
    "澜川天平律师事务所",
    "西桥致远律师事务所",
]


def _counsel(ctx: DemoContext, org, cal: WorkCalendar) -> list[Counsel]:
    """The jurisdiction's register: a few 法律顾问 retained by the government, 公职律师 in its units."""
    city = org.kind == "city"
    actor = ctx.user(org, "office")
    first = dt.date(ctx.years[0] - 1, 3, 1)
    out = []
    gov = ctx.unit(org, "gov_office") or ctx.units(org)[0]
    for _ in range(ctx.rng.randint(5, 7) if city else ctx.rng.randint(2, 4)):
        start = first + dt.timedelta(days=ctx.rng.randint(0, 400))
        with ctx.on(start):
            out.append(
                services.register_counsel(
                    actor=actor,
                    unit=gov,
                    name=ctx.person(),
                    kind=CounselKind.ADVISER,
                    firm=ctx.rng.choice(FIRMS),
                    start_on=start,
                    end_on=dt.date(start.year + 3, start.month, start.day) - dt.timedelta(days=1),
                )
            )
    units = ctx.units(org)
    for i in range(ctx.rng.randint(25, 35) if city else ctx.rng.randint(6, 12)):
        start = first + dt.timedelta(days=ctx.rng.randint(0, 900))
        if start > ctx.today:
            continue
        with ctx.on(start):
            out.append(
                services.register_counsel(
                    actor=actor,
                    unit=ctx.rng.choice(units),
                    name=ctx.person(),
                    kind=CounselKind.PUBLIC_LAWYER,
                    certificate_no=f"{org.code}{start.year}{i + 1:04d}",
                    start_on=start,
                )
            )
    for c in out:  # most advisers' contracts are renewed when they end; some are not
        if c.end_on and c.end_on < ctx.today:
            with ctx.on(c.end_on):
                if ctx.rng.random() < 0.65:
                    services.renew_counsel(
                        case=c,
                        actor=actor,
                        end_on=c.end_on.replace(year=c.end_on.year + 3),
                        renewed_on=c.end_on,
                    )
                else:
                    services.end_counsel(case=c, actor=actor, end_on=c.end_on, reason="聘期届满")
    return out


def _review(ctx: DemoContext, org, cal: WorkCalendar, counsel: list[Counsel], received: dt.date) -> int:
    """One request through its steps; steps dated after today are left undone. Returns the points raised."""
    rng, today = ctx.rng, ctx.today
    units = ctx.units(org)
    unit = rng.choice(units)
    kind = ctx.pick(KINDS)
    title = rng.choice(TITLES[kind]).format(u=unit.short_name or unit.name, t=rng.choice(TOPICS))
    late = rng.random() < 0.12
    requested = cal.add_working_days(received, rng.randint(3, 6) if late else rng.randint(8, 15))
    with ctx.on(received):
        r = services.register_request(
            actor=ctx.user(unit, "clerk"),
            unit=unit,
            title=title,
            subject_kind=kind,
            received_on=received,
            requested_by=requested if rng.random() < 0.8 else None,
        )
    reviewer = ctx.user(org, "office", "reviewer")
    day = cal.add_working_days(received, rng.randint(0, 1))
    if day > today:
        return 0
    with ctx.on(day):
        services.start_review(case=r, actor=reviewer, started_on=day)
    if (today - received).days < 40 and rng.random() < 0.3:
        return 0  # still on the reviewer's desk: open, some of it past the office's time limit
    if rng.random() < 0.12:
        day = cal.add_working_days(day, rng.randint(1, 3))
        if day > today:
            return 0
        with ctx.on(day):
            services.return_materials(
                case=r, actor=reviewer, returned_on=day, reason="请补充制定依据和征求意见情况说明"
            )
        day = cal.add_working_days(day, rng.randint(2, 8))
        if day > today:
            return 0
        with ctx.on(day):
            services.resubmit(case=r, actor=ctx.user(unit, "clerk"), resubmitted_on=day)
    active = [c for c in counsel if c.start_on <= day and (c.end_on is None or c.end_on >= day)]
    if active and (kind == SubjectKind.DECISION or rng.random() < 0.45):
        for c in rng.sample(active, min(len(active), rng.randint(1, 2))):
            given = cal.add_working_days(day, rng.randint(1, 4))
            if given > today or (c.end_on and given > c.end_on):
                continue
            with ctx.on(given):
                services.record_counsel_opinion(
                    case=r, actor=reviewer, counsel=c, given_on=given, text="经审查，提出法律意见如下：……"
                )
    overdue = rng.random() < 0.08
    take = r.review_days + rng.randint(1, 6) if overdue else rng.randint(3, max(3, r.review_days))
    opinion_on = cal.add_working_days(r.clock_from or received, take)
    if opinion_on > today:
        return 0
    if kind == SubjectKind.DECISION and not r.counsel_consulted:
        return 0  # 第二十八条: the office waits for a counsel's opinion (the record stays open, and late)
    outcome = ctx.pick({Opinion.AGREE: 0.42, Opinion.AGREE_REVISED: 0.53, Opinion.DISAGREE: 0.05})
    n = {
        Opinion.AGREE: rng.randint(0, 2),
        Opinion.AGREE_REVISED: rng.randint(2, 8),
        Opinion.DISAGREE: rng.randint(1, 4),
    }
    points = [rng.choice(POINTS).format(n=rng.randint(2, 20)) for _ in range(n[outcome])]
    with ctx.on(opinion_on):
        services.give_opinion(
            case=r,
            actor=reviewer,
            opinion=outcome,
            opinion_text=f"经审查，{title}{'符合' if outcome != Opinion.DISAGREE else '不符合'}有关法律、法规、规章的规定。",
            opinion_on=opinion_on,
            points="\n".join(points),
        )
    closed = cal.add_working_days(opinion_on, rng.randint(1, 5))
    if closed <= today:
        with ctx.on(closed):
            services.close_request(case=r, actor=reviewer, closed_on=closed)
    return len(points)


def load(ctx: DemoContext) -> str:
    cal = WorkCalendar()
    reviews = points = people = 0
    for org in ctx.jurisdictions():
        if org.kind not in ("city", "county"):
            continue
        counsel = _counsel(ctx, org, cal)
        people += len(counsel)
        per_year = CITY_PER_YEAR if org.kind == "city" else COUNTY_BASE * COUNTY_WEIGHTS.get(org.code, 0.5)
        for year in ctx.years:
            days = [d for d in ctx.days(year) if cal.is_workday(d)]
            if not days:
                continue
            for received in sorted(ctx.rng.choice(days) for _ in range(ctx.count(per_year, year))):
                points += _review(ctx, org, cal, counsel, received)
                reviews += 1
    return f"合法性审核 {reviews} 件（意见建议 {points} 条），法律顾问、公职律师 {people} 人"
