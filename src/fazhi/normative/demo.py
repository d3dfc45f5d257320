"""The demo city's 行政规范性文件 (core/demoplan.py): per jurisdiction and year a few government documents and
tens of department documents (seeds: 州政府报备 4 件, 市县制定 15 件, 清理 18 件 of which 2 失效), published after
their legality review, filed mostly on time (some late, a few not yet), reviewed by the level they were filed
with (some 纠错), one clean-up per jurisdiction last year, and 暂行/试行 documents nearing the end of validity.
A jurisdiction with rule-making power (the 市, 立法法 第九十三条) also makes one to three 地方政府规章 a year: in force
30 days after publication or later (规章制定程序条例 第三十二条; now and then at once, with its case and reason),
filed within 30 days with the 国务院, the 人大常委会 and the province (立法法 第一百零九条)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import rules, services
from .choices import CleanupOutcome, DocKind, EffectiveException, Filing, ReviewResult

SUBJECTS = (
    "城市供热管理",
    "民用建筑消防安全管理",
    "农村宅基地审批管理",
    "城区犬只管理",
    "政府投资项目管理",
    "行政执法公示",
    "专利奖励",
    "质量奖评审管理",
    "公共租赁住房管理",
    "建筑垃圾处置管理",
    "农贸市场管理",
    "城市道路占用挖掘管理",
    "殡葬管理",
    "最低生活保障审核确认",
    "企业技术中心认定管理",
    "物业服务收费管理",
)
FORMS = ("办法", "规定", "实施细则", "暂行办法", "试行办法", "管理规定")
PROBLEMS = (
    "增设行政许可条件，已由制定机关删除",
    "规定出具无谓证明，已修改",
    "限定本地企业参与，违反公平竞争审查要求，已废止相关条款",
)


def _title(ctx: DemoContext, place: str) -> str:
    """澜川市殡葬管理实施细则: published titles name the place, not the drafting bureau."""
    return f"{place}{ctx.rng.choice(SUBJECTS)}{ctx.rng.choice(FORMS)}"


RULE_SUBJECTS = ("物业管理", "养犬管理", "城市绿化管理", "餐厨废弃物管理", "历史建筑保护", "电动自行车管理")
RULE_FORMS = ("办法", "规定", "实施办法")


def _rules(ctx: DemoContext, jur, year: int, seq: int, order: int) -> tuple[int, int, int]:
    """One to three 规章 of the year of `jur` (a jurisdiction with rule-making power), published by 政府令,
    in force 30日后 (rarely at once under 第三十二条's 但书) and filed with every body 立法法 第一百零九条 names."""
    rng, today, office = ctx.rng, ctx.today, ctx.user(jur, "office")
    place = jur.short_name or jur.name
    made = filed = 0
    for n in range(ctx.count(rng.randint(1, 3), year)):
        days = ctx.days(year)
        registered = rng.choice(days[: max(1, len(days) - 45)])
        with ctx.on(registered):
            doc = services.register_document(
                actor=office,
                issuer=jur,
                title=f"{place}{rng.choice(RULE_SUBJECTS)}{rng.choice(RULE_FORMS)}",
                registered_on=registered,
                legality_review=f"{place}法审〔{year}〕规{seq + n + 1}号",
                kind=DocKind.RULE,
            )
        made += 1
        published = registered + dt.timedelta(days=rng.randint(10, 40))
        if published > today:
            continue
        order += 1  # the government's 令 are numbered on, from 第1号
        urgent = rng.random() < 0.15
        with ctx.on(published):
            doc = services.publish_document(
                case=doc,
                actor=office,
                doc_number=f"{place}人民政府令第{order}号",
                published_on=published,
                # 规章制定程序条例 第三十二条: the 31st day at the earliest; most take effect on the next 1st
                effective_on=published if urgent else _first_of_month_from(published + dt.timedelta(days=31)),
                adopted_on=published - dt.timedelta(days=rng.randint(2, 7)),
                effective_exception=EffectiveException.HINDRANCE if urgent else "",
                effective_reason="汛期、冬季供暖等季节性工作在即，公布后不立即施行将有碍规章施行"
                if urgent
                else "",
            )
        for f in rules.filings(doc):
            on = published + dt.timedelta(
                days=rng.randint(5, 28) if rng.random() > 0.05 else rng.randint(31, 45)
            )
            if on > today:
                continue
            with ctx.on(on):
                doc = services.file_document(case=doc, actor=office, filing=f, filed_on=on)
            filed += 1
    return made, filed, order


def _first_of_month_from(day: dt.date) -> dt.date:
    return day if day.day == 1 else (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def load(ctx: DemoContext) -> str:
    rng, today = ctx.rng, ctx.today
    made = filed = reviewed = 0
    rules_made = rules_filed = 0
    seq = 0
    orders: dict[int, int] = {}  # each government's last 令 number
    for jur in ctx.jurisdictions():
        units = ctx.units(jur)
        office = ctx.user(jur, "office")
        for year in ctx.years:
            if rules.has_rulemaking_power(jur):
                m, f, orders[jur.pk] = _rules(ctx, jur, year, seq, orders.get(jur.pk, 0))
                rules_made, rules_filed, seq = rules_made + m, rules_filed + f, seq + m
            n_gov, n_dept = ctx.count(rng.randint(4, 8), year), ctx.count(rng.randint(8, 16), year)
            issuers = [jur] * n_gov + [rng.choice(units) for _ in range(n_dept if units else 0)]
            for issuer in issuers:
                days = ctx.days(year)
                registered = rng.choice(days[: max(1, len(days) - 20)])
                seq += 1
                short = issuer.short_name or issuer.name
                with ctx.on(registered):
                    doc = services.register_document(
                        actor=office,
                        issuer=issuer,
                        title=_title(ctx, jur.short_name or jur.name),
                        registered_on=registered,
                        legality_review=f"{jur.short_name or jur.name}法审〔{year}〕{seq}号",
                    )
                made += 1
                published = registered + dt.timedelta(days=rng.randint(3, 25))
                if published > today or rng.random() < 0.04:
                    continue  # still waiting to be issued
                suffix = "政规" if issuer.pk == jur.pk else "规"
                with ctx.on(published):
                    services.publish_document(
                        case=doc,
                        actor=office,
                        doc_number=f"{short}{suffix}〔{year}〕{seq}号",
                        published_on=published,
                        effective_on=published + dt.timedelta(days=rng.choice((0, 10, 30))),
                        adopted_on=published - dt.timedelta(days=rng.randint(1, 5)),
                    )
                for f in (Filing.CONGRESS, Filing.GOVERNMENT):
                    due = getattr(doc, f"{f}_due")
                    if due is None:
                        continue
                    late = rng.random() < 0.08
                    on = published + dt.timedelta(days=rng.randint(35, 60) if late else rng.randint(3, 28))
                    if on > today:
                        continue
                    with ctx.on(on):
                        services.file_document(case=doc, actor=office, filing=f, filed_on=on)
                    filed += f == Filing.GOVERNMENT
                if doc.government_filed_on and doc.filed_to is not None:
                    on = doc.government_filed_on + dt.timedelta(days=rng.randint(5, 40))
                    if on <= today:
                        corrected = rng.random() < 0.1
                        with ctx.on(on):
                            services.review_filing(
                                case=doc,
                                actor=ctx.user(doc.filed_to, "office"),
                                result=ReviewResult.CORRECTED if corrected else ReviewResult.PASSED,
                                reviewed_on=on,
                                problem=rng.choice(PROBLEMS) if corrected else "",
                                correction="制定机关已按审查意见纠正" if corrected else "",
                            )
                        reviewed += 1
        # 清理 last year: every document in force, a few repealed or declared void.
        start = dt.date(ctx.years[1], 11, rng.randint(1, 20))
        with ctx.on(start):
            campaign = services.start_cleanup(
                actor=office,
                org=jur,
                title=f"{jur.short_name or jur.name}{ctx.years[1]}年度规范性文件清理",
                started_on=start,
            )
        decided = start + dt.timedelta(days=20)
        for item in campaign.items.all():
            outcome = ctx.pick(
                {
                    CleanupOutcome.KEEP: 0.85,
                    CleanupOutcome.AMEND: 0.05,
                    CleanupOutcome.REPEAL: 0.05,
                    CleanupOutcome.VOID: 0.05,
                }
            )
            with ctx.on(decided):
                services.decide_cleanup(item=item, actor=office, outcome=outcome, decided_on=decided)
        with ctx.on(decided + dt.timedelta(days=5)):
            services.publish_cleanup(
                campaign=campaign, actor=office, published_on=decided + dt.timedelta(days=5)
            )
    return (
        f"行政规范性文件 {made} 件（报政府备案 {filed} 件，备案审查 {reviewed} 件）；"
        f"地方政府规章 {rules_made} 件（报备 {rules_filed} 次）"
    )
