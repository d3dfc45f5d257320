"""The demo city's 行政规范性文件 (core/demoplan.py): per jurisdiction and year a few government documents and
tens of department documents (seeds: 州政府报备 4 件, 市县制定 15 件, 清理 18 件 of which 2 失效), published after
their legality review, filed mostly on time (some late, a few not yet), reviewed by the level they were filed
with (some 纠错), one clean-up per jurisdiction last year, and 暂行/试行 documents nearing the end of validity."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import services
from .choices import CleanupOutcome, Filing, ReviewResult

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


def load(ctx: DemoContext) -> str:
    rng, today = ctx.rng, ctx.today
    made = filed = reviewed = 0
    seq = 0
    for jur in ctx.jurisdictions():
        units = ctx.units(jur)
        office = ctx.user(jur, "office")
        for year in ctx.years:
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
    return f"行政规范性文件 {made} 件（报政府备案 {filed} 件，备案审查 {reviewed} 件）"
