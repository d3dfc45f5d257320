"""The demo city's 督察, 考评 and 述法 (core/demoplan.py), written through the services.

Volumes follow the seed reports: a city inspects its counties and departments a few times a year (庆阳:
8县区 and 76 市直部门 in one 中期评估督察; 临夏: 实地督察 plus two 专项督察), each finding a handful of problems
per unit; 案卷评查 adds more (叶城: 173 problems from 3 reviews), courts and procuratorates a few 建议. Most
problems are rectified and closed (临夏: 整改到位 99%), some late, a few refused once; recent ones are open and
some overdue; the office interviews (约谈) the heads of a few units late with their 整改 and follows up. Every
government and department head gives an annual 述法 early the next year; the city scores its
counties and departments each year and publishes the ranking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.demoplan import DemoContext
from fazhi.core.models import Org

from . import services
from .choices import InspectionKind, ItemMethod, ProblemSource, ShufaResult
from .models import Inspection, Problem, Scheme, UnitScore

CATEGORIES = ["依法决策", "规范性文件管理", "行政执法", "行政复议应诉", "学法用法", "普法责任制", "政务公开"]
FINDINGS = {
    "依法决策": ["重大行政决策未履行公众参与程序", "重大行政决策目录未按时公布", "决策前未经合法性审查"],
    "规范性文件管理": ["规范性文件未按期报送备案", "规范性文件未开展定期清理", "起草说明缺少合法性审核意见"],
    "行政执法": [
        "行政处罚案卷文书不规范",
        "执法全过程记录不完整",
        "行政执法公示信息更新不及时",
        "自由裁量基准未细化",
    ],
    "行政复议应诉": ["负责人出庭应诉未达要求", "复议决定履行不及时", "应诉答辩材料逾期提交"],
    "学法用法": ["会前学法未常态化", "领导干部应知应会法律清单未建立"],
    "普法责任制": ["“谁执法谁普法”责任清单未公开", "普法台账不完整"],
    "政务公开": ["政府信息公开年度报告未按时发布", "依申请公开答复超期"],
}
MEASURES = "对照问题清单逐项整改：修订相关制度，组织专题培训，建立工作台账，明确责任人和完成时限。"
MEETINGS = ["市委全面依法治市委员会会议暨年度述法评议会", "县委全面依法治县委员会会议暨述法工作会议"]


def _day(ctx: DemoContext, year: int, start: tuple[int, int], end: tuple[int, int]) -> dt.date:
    a, b = dt.date(year, *start), dt.date(year, *end)
    return a + dt.timedelta(ctx.rng.randrange((b - a).days + 1))


def _problem_life(ctx: DemoContext, office: Org, p: Problem) -> None:
    """整改 of one problem, each step only if its day has come: plan, progress, 申请销号, 销号 (or refused once)."""
    rng, today = ctx.rng, ctx.today
    unit_user = ctx.user(p.org, "clerk", "office")
    office_user = ctx.user(office, "office")
    span = (p.rectify_due - p.found_on).days
    slow = rng.random() < 0.12  # a unit slow to start
    day = p.found_on + dt.timedelta(rng.randint(25, 50) if slow else rng.randint(3, 12))
    if day > today:
        return
    with ctx.on(day):
        services.plan_rectification(case=p, actor=unit_user, measures=MEASURES, planned_on=day)
    day += dt.timedelta(max(1, span // 3))
    if day > today:
        return
    with ctx.on(day):
        services.report_progress(
            case=p, actor=unit_user, note="已完成制度修订，正在组织培训", reported_on=day
        )
    late = rng.random() < 0.15  # a unit that misses its deadline
    day = p.rectify_due + dt.timedelta(rng.randint(5, 40) if late else -rng.randint(0, max(1, span // 4)))
    if day > today:
        return
    with ctx.on(day):
        services.apply_closure(case=p, actor=unit_user, note="整改已完成，佐证材料已上传", applied_on=day)
    day += dt.timedelta(rng.randint(2, 10))
    if day > today:
        return
    if rng.random() < 0.1:
        with ctx.on(day):
            services.refuse_closure(
                case=p, actor=office_user, reason="佐证材料不足，未见制度修订文件", refused_on=day
            )
        day += dt.timedelta(rng.randint(5, 15))
        if day > today:
            return
        with ctx.on(day):
            services.apply_closure(case=p, actor=unit_user, note="已补充制度修订文件", applied_on=day)
        day += dt.timedelta(rng.randint(2, 7))
        if day > today:
            return
    with ctx.on(day):
        services.approve_closure(case=p, actor=office_user, closed_on=day)


def _finding(ctx: DemoContext) -> tuple[str, str]:
    category = ctx.rng.choice(CATEGORIES)
    return category, ctx.rng.choice(FINDINGS[category])


def _inspect(
    ctx: DemoContext, office: Org, units: list[Org], *, title: str, kind: str, on: dt.date, per_unit: float
) -> tuple[Inspection, list[Problem]]:
    user = ctx.user(office, "office")
    with ctx.on(on):
        insp = services.start_inspection(
            actor=user,
            org=office,
            title=title,
            kind=kind,
            units=units,
            started_on=on,
            scope="法治政府建设与责任落实情况",
            inspectors=f"{ctx.person()}、{ctx.person()}、{ctx.person()}",
        )
    found_on = on + dt.timedelta(ctx.rng.randint(5, 15))
    problems = []
    for unit in units:
        for _ in range(max(0, round(ctx.rng.gauss(per_unit * ctx.scale, 1)))):
            if found_on > ctx.today:
                break
            category, text = _finding(ctx)
            with ctx.on(found_on):
                problems.append(
                    services.record_problem(
                        actor=user,
                        org=unit,
                        inspection=insp,
                        source=ProblemSource.INSPECTION,
                        category=category,
                        description=f"{unit.name}{text}",
                        found_on=found_on,
                        rectify_due=found_on + dt.timedelta(ctx.rng.choice((30, 60, 90))),
                    )
                )
    end = found_on + dt.timedelta(3)
    if end <= ctx.today:
        with ctx.on(end):
            services.conclude_inspection(case=insp, actor=user, ended_on=end)
    return insp, problems


def _other_sources(ctx: DemoContext, office: Org, units: list[Org], year: int) -> list[Problem]:
    user = ctx.user(office, "office")
    out = []
    sources = {
        ProblemSource.CASE_REVIEW: 8,
        ProblemSource.JUDICIAL: 2,
        ProblemSource.PROCURATORIAL: 3,
        ProblemSource.AUDIT: 3,
    }
    for source, per_year in sources.items():
        for n in range(ctx.count(per_year, year)):
            found_on = _day(ctx, year, (1, 15), (12, 20))
            if found_on > ctx.today:
                continue
            category, text = _finding(ctx)
            unit = ctx.rng.choice(units)
            with ctx.on(found_on):
                out.append(
                    services.record_problem(
                        actor=user,
                        org=unit,
                        source=source,
                        source_ref=f"{year}-{n + 1:02d}" if source != ProblemSource.CASE_REVIEW else "",
                        category=category,
                        description=f"{unit.name}{text}",
                        found_on=found_on,
                        rectify_due=found_on + dt.timedelta(ctx.rng.choice((30, 60))),
                    )
                )
    return out


def _scheme(ctx: DemoContext, city: Org, year: int) -> Scheme | None:
    adopted = dt.date(year, 3, 10)
    if adopted > ctx.today:
        return None
    user = ctx.user(city, "office")
    with ctx.on(adopted):
        scheme = services.create_scheme(
            actor=user, org=city, year=year, name=f"{city.name}{year}年度法治建设考评细则", adopted_on=adopted
        )
        items = [
            ("党政主要负责人履行推进法治建设第一责任人职责", 20, ItemMethod.MANUAL, "", "", None, 0),
            ("重大行政决策和规范性文件合法性审核", 15, ItemMethod.MANUAL, "", "", None, 0),
            (
                "行政机关负责人出庭应诉率",
                10,
                ItemMethod.INDICATOR,
                "litigation.head_appearance_rate",
                ">=",
                90,
                3,
            ),
            ("督察问题整改率", 10, ItemMethod.INDICATOR, "supervision.rectification_rate", ">=", 95, 2),
            ("严格规范公正文明执法", 20, ItemMethod.MANUAL, "", "", None, 0),
            ("学法用法和普法责任制", 15, ItemMethod.MANUAL, "", "", None, 0),
            ("行政诉讼败诉、备案迟报等扣分", 5, ItemMethod.DEDUCTION, "", "", None, 0),
            ("法治建设创新做法加分", 5, ItemMethod.BONUS, "", "", None, 0),
        ]
        for name, points, method, key, op, target, sample in items:
            services.add_item(
                case=scheme,
                actor=user,
                name=name,
                points=Decimal(points),
                method=method,
                indicator=key,
                op=op,
                target=Decimal(target) if target is not None else None,
                min_sample=sample,
            )
    _evidence(ctx, scheme, user)
    scored = dt.date(year + 1, 1, 20)
    if scored > ctx.today:
        return scheme
    from .selectors import assessed_units

    with ctx.on(scored):
        services.compute_scores(case=scheme, actor=user, computed_on=scored)
        computed = set(UnitScore.objects.filter(item__scheme=scheme).values_list("item_id", "unit_id"))
        scores = []
        for unit in assessed_units(scheme):
            for item in scheme.items.all():
                if (item.pk, unit.pk) in computed:
                    continue
                if item.method == ItemMethod.DEDUCTION:
                    score = -Decimal(ctx.rng.choice((0, 0, 0, 1, 2)))
                elif item.method == ItemMethod.BONUS:
                    score = Decimal(ctx.rng.choice((0, 0, 1, 2, 3)))
                else:
                    score = (item.points * Decimal(ctx.rng.uniform(0.7, 1.0))).quantize(Decimal("0.5"))
                scores.append((item, unit, score, "依据自评材料和督察情况评分"))
        services.score_units(case=scheme, actor=user, scores=scores, scored_on=scored)
    published = dt.date(year + 1, 2, 10)
    if published <= ctx.today:
        with ctx.on(published):
            services.publish_results(case=scheme, actor=user, published_on=published)
    return scheme


def _evidence(ctx: DemoContext, scheme: Scheme, assessor) -> None:
    """考评材料: each assessed unit files its evidence for the items scored by assessors early the next year (with a
    link to its records in Fazhi), and the assessors read it before they score."""
    from .selectors import assessed_units

    submitted, reviewed = dt.date(scheme.year + 1, 1, 8), dt.date(scheme.year + 1, 1, 15)
    if submitted > ctx.today:
        return
    links = {
        "党政主要负责人履行推进法治建设第一责任人职责": f"/supervision/shufa/?year={scheme.year}",
        "重大行政决策和规范性文件合法性审核": f"/legality/?year={scheme.year}",
    }
    items = [i for i in scheme.items.order_by("seq") if i.name in links]
    for unit in assessed_units(scheme):
        for item in items:
            with ctx.on(submitted):
                ev = services.submit_evidence(
                    actor=ctx.user(unit, "clerk", "office"),
                    item=item,
                    org=unit,
                    note=f"{unit.name}{scheme.year}年度{item.name}自评报告及佐证材料目录",
                    link=links[item.name],
                    submitted_on=submitted,
                )
            if reviewed <= ctx.today:
                with ctx.on(reviewed):
                    services.review_evidence(
                        case=ev, actor=assessor, comment="材料齐全", reviewed_on=reviewed
                    )


def _shufa(ctx: DemoContext, city: Org, year: int) -> int:
    """Every government and department head of the city and the counties: 述法 early the next year."""
    n = 0
    for gov in ctx.jurisdictions():
        held = _day(ctx, year + 1, (1, 10), (2, 28))
        if held > ctx.today:
            continue
        office = ctx.user(gov, "office")
        people = [(gov, f"{gov.short_name or gov.name}人民政府", "市长" if gov == city else "县（区）长")]
        people += [(u, u.name, "局长") for u in ctx.units(gov)[:4]]
        for org, _, title in people:
            with ctx.on(held):
                rec = services.record_shufa(
                    actor=office,
                    org=org,
                    year=year,
                    leader=ctx.person(),
                    title=title,
                    held_on=held,
                    meeting=MEETINGS[0] if gov == city else MEETINGS[1],
                    summary="报告本人履行推进法治建设第一责任人职责情况：带头学法、依法决策、支持出庭应诉、落实督察整改。",
                )
            review = held + dt.timedelta(ctx.rng.randint(0, 10))
            if review <= ctx.today:
                with ctx.on(review):
                    services.review_shufa(
                        case=rec,
                        actor=ctx.user(org.jurisdiction(), "office"),
                        result=ctx.pick({ShufaResult.EXCELLENT: 5, ShufaResult.GOOD: 4, ShufaResult.FAIR: 1}),
                        comment="述法内容全面，问题查找较准",
                        reviewed_on=review,
                    )
            n += 1
    return n


def _late(p: Problem, today: dt.date) -> bool:
    """整改 past its deadline: closed after it, or still not closed after it."""
    return (p.closed_on or today) > p.rectify_due


def _interviews(ctx: DemoContext, offices: list[Org]) -> int:
    """约谈: each office interviews the heads of up to three units a year whose 整改 ran late, a week or two after
    the deadline, and follows up a month later."""
    n = 0
    for office in offices:
        user = ctx.user(office, "office")
        late: dict[tuple[int, int], list[Problem]] = {}
        problems = Problem.objects.filter(jurisdiction=office).select_related("org", "inspection")
        for p in problems.order_by("found_on", "id"):
            if _late(p, ctx.today):
                late.setdefault((p.found_on.year, p.org_id), []).append(p)
        by_year: dict[int, int] = {}
        for (year, _), found in late.items():
            p = found[0]
            held = p.rectify_due + dt.timedelta(ctx.rng.randint(7, 15))
            if held > ctx.today or by_year.get(year, 0) >= 3:
                continue
            by_year[year] = by_year.get(year, 0) + 1
            title = "局长" if p.org.kind == "unit" else "县（区）长"
            with ctx.on(held):
                rec = services.record_interview(
                    actor=user,
                    org=p.org,
                    leader=ctx.person(),
                    title=title,
                    held_on=held,
                    reason=f"督察发现的问题整改逾期：{p.description}"[:1000],
                    inspection=p.inspection,
                    problem=p,
                    requirements="当场表态，限15日内整改到位并书面报告整改情况。",
                )
            followed = held + dt.timedelta(ctx.rng.randint(20, 40))
            if followed <= ctx.today:
                with ctx.on(followed):
                    services.follow_up_interview(
                        case=rec,
                        actor=user,
                        outcome="被约谈单位已召开专题会议研究整改，制定整改方案，书面报告了整改情况。",
                        followed_on=followed,
                    )
            n += 1
    return n


def load(ctx: DemoContext) -> str:
    city = ctx.root
    counties = [j for j in ctx.jurisdictions() if j.parent_id == city.id]
    city_units = ctx.units(city)
    enforcement = [
        u for u in city_units if u.code.rsplit("-", 1)[-1] in {"market", "urban", "transport", "ecology"}
    ]
    inspections = problems = 0
    for year in ctx.years:
        start = dt.date(year, 5, 10)
        found: list[Problem] = []
        if start <= ctx.today:
            _, got = _inspect(
                ctx,
                city,
                counties + city_units[:6],
                title=f"{year}年度法治政府建设实地督察",
                kind=InspectionKind.ONSITE,
                on=start,
                per_unit=2.5,
            )
            found += got
            inspections += 1
        special = dt.date(year, 9, 5)
        if special <= ctx.today:
            _, got = _inspect(
                ctx,
                city,
                enforcement,
                title=f"{year}年度行政执法突出问题专项督察",
                kind=InspectionKind.SPECIAL,
                on=special,
                per_unit=3,
            )
            found += got
            inspections += 1
        for county in counties:
            day = dt.date(year, 6, 15)
            if day <= ctx.today:
                _, got = _inspect(
                    ctx,
                    county,
                    ctx.units(county)[:4],
                    title=f"{county.name}{year}年度法治建设综合督察",
                    kind=InspectionKind.COMPREHENSIVE,
                    on=day,
                    per_unit=1.2,
                )
                for p in got:
                    _problem_life(ctx, county, p)
                problems += len(got)
                inspections += 1
        found += _other_sources(ctx, city, city_units, year)
        for p in found:
            _problem_life(ctx, city, p)
        problems += len(found)
    schemes = sum(1 for y in ctx.years if _scheme(ctx, city, y) is not None)
    talks = sum(_shufa(ctx, city, y) for y in ctx.years[:-1])
    interviews = _interviews(ctx, [city, *counties])
    return (
        f"法治督察 {inspections} 次、问题台账 {problems} 个、约谈 {interviews} 次、考评方案 {schemes} 个、"
        f"述法 {talks} 人次"
    )
