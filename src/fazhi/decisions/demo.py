"""The demo city's 重大行政决策 (core/demoplan.py): per jurisdiction a catalog a year of a handful of matters
(seeds: "公开2024年临汾市人民政府重大行政决策目录"; counties a few a year), approved and published early in the year,
each run through its steps — public comment (some with many comments), expert review and risk assessment where
the matter calls for them, the legality review, the collective decision, publication and archiving — with the
current year's matters still in progress and one with a hearing whose materials are still to be served. About half
of the city's matters publish their draft on the portal and take comments clause by clause (most published after
moderation, a few withheld, answered after the period); the others keep the counts typed on the step, as a unit
that does not use the portal would record them."""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core.demoplan import GIVEN_NAMES, SURNAME_CUM_WEIGHTS, SURNAMES, DemoContext

from . import services
from .choices import Category, CommentAnswer, LegalityOpinion, Meeting
from .models import PublicComment

MATTERS = (
    ("城区集中供热价格调整", Category.POLICY, True, True),
    ("国土空间总体规划", Category.PLAN, True, False),
    ("饮用水水源地保护区划定", Category.RESOURCES, True, True),
    ("城市生活垃圾分类实施方案", Category.POLICY, False, True),
    ("中心城区公交线网优化", Category.PROJECT, True, True),
    ("义务教育学校布局调整", Category.OTHER, False, True),
    ("老旧小区改造三年行动计划", Category.PROJECT, True, False),
    ("历史文化街区保护规划", Category.RESOURCES, True, False),
    ("农村人居环境整治方案", Category.POLICY, False, False),
)


NUMERALS = "一二三四五六七八九十"
CLAUSES = (
    "为做好{title}工作，根据有关法律、法规和规章，结合本地实际，制定本方案。",
    "本方案适用于{place}行政区域内的相关工作。",
    "{sponsor}负责组织实施本方案；发展改革、财政、自然资源等部门按照各自职责做好相关工作。",
    "实施中应当保障困难群众的基本需求，对低保、特困供养等家庭采取相应的保障措施。",
    "实施情况应当向社会公开，接受社会监督。",
    "本方案自公布之日起施行。",
)
COMMENTS = (
    "建议明确实施的时间安排，分步推进。",
    "建议对低收入家庭给予适当补贴。",
    "本条表述较为原则，建议细化操作标准。",
    "建议明确部门职责分工，避免推诿扯皮。",
    "建议适当延长过渡期，给群众留出准备时间。",
    "支持该方案，建议尽快组织实施。",
    "建议公开测算依据和成本监审结论。",
    "建议增加定期评估和调整的规定。",
)
ANSWERS = (
    (CommentAnswer.ADOPTED, "已在修改稿中采纳。"),
    (CommentAnswer.PARTLY, "部分采纳，已对相关表述作了修改。"),
    (CommentAnswer.NOT_ADOPTED, "该事项已有专门规定，本方案不再重复规定，暂不采纳。"),
)


def _draft(title: str, place: str, sponsor: str) -> str:
    lines = [f"{title}（征求意见稿）"]
    for i, text in enumerate(CLAUSES):
        lines.append(f"第{NUMERALS[i]}条　" + text.format(title=title, place=place, sponsor=sponsor))
    return "\n".join(lines)


def _person(crng: random.Random) -> str:
    return crng.choices(SURNAMES, cum_weights=SURNAME_CUM_WEIGHTS)[0] + crng.choice(GIVEN_NAMES)


def _take_comments(ctx: DemoContext, crng: random.Random, d, office) -> None:
    """The portal's comments on a published draft: submitted during the period (up to today), moderated a few
    days later (a few withheld), answered once the period is over."""
    today = ctx.today
    clauses = list(d.clauses.all())
    last = min(d.comment_end, today)
    for _ in range(crng.randint(3, 12)):
        on = d.comment_start + dt.timedelta(days=crng.randint(0, (last - d.comment_start).days))
        with ctx.on(on):
            c = services.submit_comment(
                decision=d,
                clause_id=crng.choice(clauses).pk,
                text=crng.choice(COMMENTS),
                name=_person(crng) if crng.random() < 0.5 else "",
                contact=f"13{crng.randint(0, 999_999_999):09d}" if crng.random() < 0.3 else "",
                today=on,
            )
        checked = on + dt.timedelta(days=crng.randint(1, 5))
        if checked > today:
            continue
        withheld = crng.random() < 0.15
        with ctx.on(checked):
            services.moderate_comment(
                comment=c,
                actor=office,
                publish=not withheld,
                reason="与决策事项无关" if withheld else "",
                on=checked,
            )
        answered = d.comment_end + dt.timedelta(days=crng.randint(3, 10))
        if withheld or answered > today:
            continue
        answer, reason = crng.choice(ANSWERS)
        with ctx.on(answered):
            services.answer_comment(comment=c, actor=office, answer=answer, reason=reason, on=answered)


def load(ctx: DemoContext) -> str:
    rng, today = ctx.rng, ctx.today
    # a source of its own for the portal comments, so that they leave the other records as they were
    crng = random.Random(f"{ctx.seed}:decisions.comments")  # noqa: S311 - reproducible demo data
    made = decided = 0
    for jur in ctx.jurisdictions():
        office = ctx.user(jur, "office")
        units = ctx.units(jur) or [jur]
        per_year = 5 if jur.parent_id is None else 3
        for year in ctx.years:
            listed_on = dt.date(year, 1, rng.randint(10, 25))
            if listed_on > today:
                continue
            items = []
            for title, category, expert, risk in rng.sample(MATTERS, min(per_year, len(MATTERS))):
                with ctx.on(listed_on):
                    items.append(
                        services.list_decision(
                            actor=office,
                            sponsor=rng.choice(units),
                            title=f"{jur.short_name or jur.name}{title}",
                            category=category,
                            year=year,
                            listed_on=listed_on,
                            needs_expert=expert,
                            needs_risk=risk,
                            needs_hearing=rng.random() < 0.2,
                        )
                    )
                made += 1
            catalog = items[0].catalog
            approved = listed_on + dt.timedelta(days=rng.randint(10, 20))
            if approved <= today:
                with ctx.on(approved):
                    services.approve_catalog(catalog=catalog, actor=office, approved_on=approved)
                published = approved + dt.timedelta(days=rng.randint(3, 10))
                if published <= today:
                    with ctx.on(published):
                        services.publish_catalog(catalog=catalog, actor=office, published_on=published)
            for d in items:
                day = listed_on + dt.timedelta(days=rng.randint(30, 200))
                if day > today:
                    continue
                end = day + dt.timedelta(days=rng.choice((35, 40, 45)))  # 第十五条: not less than 30日
                online = jur.parent_id is None and crng.random() < 0.5 and catalog.published_on is not None
                if online:
                    place = jur.short_name or jur.name
                    with ctx.on(day):
                        services.publish_draft(
                            case=d,
                            actor=office,
                            draft_text=_draft(d.title, place, d.sponsor.name),
                            comment_start=day,
                            comment_end=end,
                        )
                    _take_comments(ctx, crng, d, office)
                if end > today:
                    continue
                received = rng.randint(0, 120)
                with ctx.on(end):
                    services.record_comment(
                        case=d,
                        actor=office,
                        comment_start=day,
                        comment_end=end,
                        comments_received=received,
                        comments_adopted=rng.randint(0, received // 3),
                        adoption_summary="对合理意见予以采纳，未采纳的已说明理由",
                    )
                day = d.comment_end + dt.timedelta(days=rng.randint(3, 20))
                if d.needs_hearing:
                    hearing = day + dt.timedelta(days=14)
                    served = hearing - dt.timedelta(days=rng.randint(8, 12))
                    with ctx.on(min(served, today)):
                        services.record_hearing(
                            case=d,
                            actor=office,
                            hearing_on=hearing,
                            materials_served_on=served if served <= today else None,
                        )
                    day = hearing + dt.timedelta(days=3)
                for action in ("expert", "risk"):
                    if getattr(d, f"needs_{action}"):
                        day += dt.timedelta(days=rng.randint(5, 20))
                        if day > today:
                            break
                        with ctx.on(day):
                            if action == "expert":
                                services.record_expert(
                                    case=d, actor=office, expert_on=day, summary="论证认为方案必要、可行"
                                )
                            else:
                                services.record_risk(case=d, actor=office, risk_on=day, conclusion="风险可控")
                day += dt.timedelta(days=rng.randint(10, 25))
                if day > today or (d.needs_expert and not d.expert_on) or (d.needs_risk and not d.risk_on):
                    continue
                if d.needs_hearing and d.hearing_materials_served_on is None:
                    continue
                with ctx.on(day):
                    services.record_legality(
                        case=d,
                        actor=office,
                        legality_review=f"{jur.short_name or jur.name}法审〔{year}〕决{d.pk}号",
                        legality_on=day,
                        opinion=rng.choice((LegalityOpinion.APPROVE, LegalityOpinion.APPROVE_AMENDED)),
                    )
                day += dt.timedelta(days=rng.randint(7, 30))
                if day > today:
                    continue
                with ctx.on(day):
                    services.record_decision(
                        case=d,
                        actor=office,
                        discussed_on=day,
                        meeting=Meeting.EXECUTIVE,
                        decision_text="原则通过",
                        dissent="个别组成人员建议分步实施" if rng.random() < 0.2 else "",
                    )
                decided += 1
                for action, gap in (("publish", 7), ("archive", 30)):
                    day += dt.timedelta(days=gap)
                    if day > today:
                        break
                    with ctx.on(day):
                        if action == "publish":
                            services.publish_decision(case=d, actor=office, published_on=day)
                        else:
                            services.archive_decision(case=d, actor=office, archived_on=day)
    comments = PublicComment.objects.filter(decision__org__path__startswith=ctx.root.path).count()
    return f"重大行政决策 {made} 项（已集体讨论决定 {decided} 项），门户网站公众意见 {comments} 条"
