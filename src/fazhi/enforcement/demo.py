"""The demo city's 行政执法 records: officers with certificates (some expiring, some short of training), a ledger of
cases over the demo's years (a sample through the services with their history and timeline; the bulk of the
ledger written as units report it, like an import), and one case-file review campaign.

Volumes: a prefecture-level city reports tens of thousands of 执法 records a year; the demo keeps ~2,000 a year at
scale 1 so that it loads in seconds (the bench generator covers real volumes)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.demoplan import DemoContext
from fazhi.core.importing import bulk_create_audited, bulk_insert, chunked
from fazhi.law.calendar import WorkCalendar

from . import rules, services
from .choices import (
    PUBLISH_7_KINDS,
    TWO_OFFICER_KINDS,
    CertStatus,
    Leniency,
    PowerType,
    WarningKind,
    WarningState,
)
from .models import EnforcementCase, EnforcementEvent, EnforcementWarning, Officer, PowerItem, PowerItemChange

CASES_PER_YEAR = 2000
THROUGH_SERVICES = 40  # cases per year written through the services (history and timeline step by step)
KINDS = {
    PowerType.PENALTY: 0.45,
    PowerType.LICENSE: 0.25,
    PowerType.INSPECTION: 0.2,
    PowerType.COERCION: 0.06,
    PowerType.CONFIRMATION: 0.04,
}
LENIENCY = {
    "": 0.8,
    Leniency.FIRST_OFFENSE: 0.06,
    Leniency.NO_PENALTY: 0.04,
    Leniency.LIGHTER: 0.07,
    Leniency.MITIGATED: 0.03,
}
FACTS = {
    "market": ("销售过期食品", "《食品安全法》第一百二十四条", "market"),
    "public_security": ("扰乱公共秩序", "《治安管理处罚法》第二十三条", "public_security"),
    "urban": ("违规占道经营", "《城市市容和环境卫生管理条例》第三十六条", "urban"),
    "ecology": ("超标排放大气污染物", "《大气污染防治法》第九十九条", "ecology"),
    "transport": ("未取得道路运输经营许可从事经营", "《道路运输条例》第六十三条", "transport"),
    "enforcement": ("违规占道经营", "《城市市容和环境卫生管理条例》第三十六条", "urban"),
}
SHORT_KEYS = tuple(FACTS)


def _units(ctx: DemoContext) -> list:
    return [u for u in ctx.orgs("unit") if u.code.rsplit("-", 1)[-1] in SHORT_KEYS]


def _officers(ctx: DemoContext, unit) -> list[Officer]:
    actor = ctx.user(unit, "clerk", "office")
    out = []
    y = ctx.today.year
    for i in range(ctx.rng.randint(4, 8)):
        issued = dt.date(y - 4, 1, 1) + dt.timedelta(days=ctx.rng.randint(0, 700))
        expires = issued + dt.timedelta(days=5 * 365)
        if i == 0 and ctx.rng.random() < 0.5:  # a certificate to renew soon
            expires = ctx.today + dt.timedelta(days=ctx.rng.randint(10, 80))
        with ctx.on(min(issued, ctx.today)):
            out.append(
                services.register_officer(
                    actor=actor,
                    unit=unit,
                    name=ctx.person(),
                    cert_number=_cert_number(unit, i + 1),
                    issued_on=issued,
                    expires_on=expires,
                    training_year=y,
                    training_hours=ctx.rng.choice((24, 48, 60, 64, 72, 80)),
                    exam_passed=ctx.rng.random() < 0.93,
                )
            )
    return out


def _draw(ctx: DemoContext, unit, day: dt.date, n: int, officers: list[Officer]) -> dict[str, Any]:
    facts, basis, domain = FACTS[unit.code.rsplit("-", 1)[-1]]
    kind = ctx.pick(KINDS)
    valid = [o for o in officers if o.valid_on(day)]
    chosen = ctx.rng.sample(valid, 2) if len(valid) >= 2 else valid
    leniency = ctx.pick(LENIENCY) if kind == PowerType.PENALTY else ""
    amount = Decimal(0)
    if kind == PowerType.PENALTY and leniency not in ("no_penalty", "first_offense"):
        amount = Decimal(ctx.rng.choice((200, 500, 1000, 2000, 5000, 10000, 30000, 100000)))
    major = kind == PowerType.PENALTY and amount >= 30000
    span = ctx.rng.randint(5, 80) if ctx.rng.random() > 0.03 else ctx.rng.randint(91, 120)
    decided = day + dt.timedelta(days=span)
    review = decided - dt.timedelta(days=2) if major else None
    published = decided + dt.timedelta(days=ctx.rng.randint(1, 9 if ctx.rng.random() > 0.05 else 30))
    return {
        "kind": kind,
        "number": f"{unit.short_name or unit.name[:4]}{PowerType(kind).label[-2:]}〔{day.year}〕{n}号",
        "facts": facts if kind == PowerType.PENALTY else f"{PowerType(kind).label}事项",
        "basis": basis,
        "domain": domain,
        "officers": chosen if kind in TWO_OFFICER_KINDS else chosen[:1],
        "leniency": leniency,
        "amount": amount,
        "major": major,
        "review": review,
        "decided": decided,
        "published": published,
        "closed": published + dt.timedelta(days=ctx.rng.randint(3, 30)),
    }


def _through_services(ctx: DemoContext, unit, day: dt.date, d: dict[str, Any]) -> None:
    actor = ctx.user(unit, "clerk", "office")
    with ctx.on(day):
        case = services.file_case(
            actor=actor,
            unit=unit,
            case_number=d["number"],
            kind=d["kind"],
            filed_on=day,
            officers=d["officers"],
            domain=d["domain"],
            party=ctx.person(),
            facts=d["facts"],
            legal_basis=d["basis"],
            major=d["major"],
            power_item=d.get("power_item"),
        )
    if d["review"] and d["review"] <= ctx.today:
        with ctx.on(d["review"]):
            services.record_legal_review(case=case, actor=actor, legal_review_on=d["review"])
    if d["decided"] > ctx.today:
        return
    with ctx.on(d["decided"]):
        services.decide_case(
            case=case, actor=actor, decided_on=d["decided"], amount=d["amount"], leniency=d["leniency"]
        )
    for step, day_, fn in (
        ("published", d["published"], services.publish_decision),
        ("closed", d["closed"], services.close_case),
    ):
        if day_ > ctx.today:
            return
        with ctx.on(day_):
            fn(case=case, actor=actor, **{f"{step}_on": day_})


def _bulk(ctx: DemoContext, rows: list[tuple[Any, dt.date, dict[str, Any]]]) -> None:
    """The reported ledger, as an import writes it (history rows named 台账报送, timeline from rules.timeline)."""
    decision: dict[dt.date, dt.date | None] = {}
    publish: dict[tuple[dt.date, bool], dt.date | None] = {}
    built = []
    cal = WorkCalendar()
    for unit, day, d in rows:
        c = EnforcementCase(
            org=unit.jurisdiction(),
            unit=unit,
            case_number=d["number"],
            kind=d["kind"],
            domain=d["domain"],
            party=ctx.person(),
            facts=d["facts"],
            legal_basis=d["basis"],
            filed_on=day,
            major=d["major"],
            power_item=d.get("power_item"),
        )
        if d["review"] and d["review"] <= ctx.today:
            c.legal_review_on = d["review"]
        if d["decided"] <= ctx.today:
            c.decided_on, c.amount, c.leniency = d["decided"], d["amount"], d["leniency"]
            if d["published"] <= ctx.today:
                c.published_on = d["published"]
                if d["closed"] <= ctx.today:
                    c.closed_on = d["closed"]
        if c.kind == PowerType.PENALTY:
            if day not in decision:
                dl = rules.decision_deadline(c, cal)
                decision[day] = dl.due if dl else None
            c.decision_due = decision[day]
        if c.decided_on:
            key = (c.decided_on, c.kind in PUBLISH_7_KINDS)
            if key not in publish:
                p = rules.publish_deadline(c, cal)
                publish[key] = p.due if p else None
            c.publish_due = publish[key]
        if errors := rules.validate(c, d["officers"]):
            raise RuntimeError(f"demo ledger row {c.case_number} breaks the rules: {errors}")
        c.status = rules.status_of(c)
        built.append((c, d["officers"]))
    now = timezone.now()
    through = EnforcementCase.officers.through
    for part in chunked(built, 2000):
        cases = bulk_create_audited(
            EnforcementCase, [c for c, _ in part], user=None, reason="台账报送", when=now
        )
        bulk_insert(through, [{"enforcementcase_id": c.pk, "officer_id": o.pk} for c, os in part for o in os])
        bulk_insert(
            EnforcementEvent,
            [
                {"case_id": c.pk, "kind": k, "on": on, "note": note, "actor_id": None, "created_at": now}
                for c in cases
                for k, on, note in rules.timeline(c, note="台账报送")
            ],
        )


def load(ctx: DemoContext) -> str:
    units = _units(ctx)
    officers = {u.id: _officers(ctx, u) for u in units}
    Officer.objects.filter(pk=next(iter(officers.values()))[0].pk).update(cert_status=CertStatus.SUSPENDED)
    powers, n_items, n_adjusted = load_powers(ctx)
    link = random.Random(f"{ctx.seed}:enforcement-power-links")  # noqa: S311 - reproducible demo data
    n_cases = 0
    for year in ctx.years:
        days = ctx.days(year)
        total = ctx.count(CASES_PER_YEAR, year)
        sampled = set(ctx.rng.sample(range(total), min(THROUGH_SERVICES, total)))
        bulk_rows = []
        for i in range(total):
            unit = ctx.rng.choice(units)
            day = ctx.rng.choice(days)
            d = _draw(ctx, unit, day, i + 1, officers[unit.id])
            if d["kind"] in TWO_OFFICER_KINDS and len(d["officers"]) < 2:
                continue  # no two certified officers that day: the unit could not have filed it
            live = [
                p
                for p in powers.get((unit.id, d["kind"]), [])
                if p.added_on <= day and (p.removed_on is None or p.removed_on > day)
            ]
            d["power_item"] = link.choice(live) if live and link.random() < 0.9 else None
            if i in sampled:
                _through_services(ctx, unit, day, d)
            else:
                bulk_rows.append((unit, day, d))
            n_cases += 1
        _bulk(ctx, bulk_rows)
    reviewed = _campaign(ctx)
    opened, still_open = _warnings(ctx)
    return (
        f"执法人员 {sum(map(len, officers.values()))} 名、执法案件 {n_cases} 件、评查案卷 {reviewed} 卷、"
        f"权责事项 {n_items} 项（清单调整 {n_adjusted} 次）、执法监督预警 {opened} 条（待说明 {still_open} 条）"
    )


EXPLANATIONS = {
    WarningKind.DECISION_OVERDUE: "该案涉案物品送检，检测期间依规定不计入办案期限，已补充检测委托及结果材料说明。",
    WarningKind.PUBLISH_LATE: "经办人员未及时推送至行政执法公示平台，已补充公示，并对经办人员进行提醒谈话。",
    WarningKind.JUMP: "当月开展专项整治行动，集中查处一批违法行为，处罚决定件数相应增加，属正常波动。",
    WarningKind.UNCERTIFIED_OFFICER: "台账录入时执法证号填写错误，已核对原始案卷并更正执法人员信息。",
    WarningKind.MAJOR_NO_REVIEW: "该案法制审核意见书已归档，台账漏填审核日期，已补录。",
}


def _warnings(ctx: DemoContext) -> tuple[int, int]:
    """The 执法监督预警 scan as the daily timer would have run it: on the first of each of the last six months
    and today; units explain about half of the breaches warned a month or more before (their clerks close
    them), the rest stay open for the demo's 执法监督科."""
    first = dt.date(ctx.today.year, ctx.today.month, 1)
    days = [(first - dt.timedelta(days=31 * k)).replace(day=1) for k in range(6, 0, -1)] + [ctx.today]
    for day in days:
        with ctx.on(day):
            services.scan_warnings(today=day, scope=ctx.root)
        due = EnforcementWarning.objects.filter(
            org__path__startswith=ctx.root.path,
            state=WarningState.OPEN,
            kind__in=list(EXPLANATIONS),
            opened_on__lte=day - dt.timedelta(days=30),
        ).select_related("unit", "org")
        for w in due.order_by("id"):
            if ctx.rng.random() < 0.5:
                continue
            closed = min(w.opened_on + dt.timedelta(days=ctx.rng.randint(5, 25)), day)
            with ctx.on(closed):
                services.close_warning(
                    warning=w,
                    actor=ctx.user(w.unit, "clerk", "office"),
                    explanation=EXPLANATIONS[WarningKind(w.kind)],
                    closed_on=closed,
                )
    mine = EnforcementWarning.objects.filter(org__path__startswith=ctx.root.path)
    return mine.count(), mine.filter(state=WarningState.OPEN).count()


def _campaign(ctx: DemoContext) -> int:
    year = ctx.years[1]
    office = ctx.user(ctx.root, "office")
    reviewer = ctx.user(ctx.root, "reviewer", "office")
    started = dt.date(year, 11, 10)
    with ctx.on(started):
        campaign = services.start_campaign(
            actor=office, org=ctx.root, name=f"{year}年度行政执法案卷评查", year=year, sample_size=30,
            seed=ctx.rng.randint(1, 10**6), started_on=started,
        )  # fmt: skip
    for i, review in enumerate(campaign.reviews.select_related("case", "case__unit")):
        with ctx.on(started):
            services.assign_reviewer(review=review, actor=office, reviewer=reviewer)
        if i % 6 == 5:
            continue  # not yet scored
        day = started + dt.timedelta(days=ctx.rng.randint(3, 20))
        problems = ctx.rng.random() < 0.3
        with ctx.on(day):
            services.score_review(
                review=review,
                actor=reviewer,
                scores={
                    "facts": ctx.rng.randint(14, 20),
                    "procedure": ctx.rng.randint(6, 10),
                    "documents": ctx.rng.randint(5, 10),
                },
                reviewed_on=day,
                problems="文书送达回证缺失；未载明复议诉讼途径" if problems else "",
            )
        rect = getattr(review, "rectification", None)
        if rect is not None and ctx.rng.random() < 0.6:  # the unit replied; most are accepted, some returned
            replied = day + dt.timedelta(days=15)
            with ctx.on(replied):
                rect = services.reply_rectification(
                    case=rect,
                    actor=office,
                    reply="已补齐送达回证，决定书补正复议诉讼途径告知",
                    replied_on=replied,
                )
            closed = replied + dt.timedelta(days=5)
            with ctx.on(closed):
                if ctx.rng.random() < 0.8:
                    services.accept_rectification(case=rect, actor=office, closed_on=closed)
                else:
                    services.send_back_rectification(
                        case=rect, actor=office, note="送达回证仍缺当事人签字，请补正", returned_on=closed
                    )
    return campaign.sample_size


# -- 权责清单 ---------------------------------------------------------------------------------------------
# The demo's lists follow the provincial standard lists each unit adopts (the same items in the city and every
# county), with the responsibilities the standard lists attach to each type. Citations name the article that
# sets the power; they illustrate a list and are not a legal reference.

RESPONSIBILITIES = {
    PowerType.LICENSE: "受理责任、审查责任、决定责任、送达责任、事后监管责任、其他法律法规规章文件规定应履行的责任",
    PowerType.PENALTY: "立案责任、调查责任、审查责任、告知责任、决定责任、送达责任、执行责任、其他法律法规规章文件规定应履行的责任",
    PowerType.COERCION: "催告责任、决定责任、执行责任、事后监管责任、其他法律法规规章文件规定应履行的责任",
    PowerType.INSPECTION: "检查责任、处置责任、信息公开责任、其他法律法规规章文件规定应履行的责任",
    PowerType.BENEFIT: "受理责任、审核责任、给付责任、监管责任、其他法律法规规章文件规定应履行的责任",
    PowerType.CONFIRMATION: "受理责任、审查责任、决定责任、送达责任、其他法律法规规章文件规定应履行的责任",
}
TYPE_CODES = {kind: f"{n:02d}" for n, kind in enumerate(PowerType, start=1)}


def _digits(unit) -> str:
    """A unit's number in the demo's codes: its jurisdiction's code and the unit's id (the demo's org codes carry an
    English key, which is no part of a number printed on a page)."""
    return f"{unit.code.split('-', 1)[0]}{unit.pk:04d}"


def _item_code(unit, kind: PowerType, n: int) -> str:
    """事项编码 as provinces print them: all digits (unit, 职权类型, serial)."""
    return f"{_digits(unit)}{TYPE_CODES[kind]}{n:03d}"


def _cert_number(unit, n: int) -> str:
    """执法证号: digits, as the certificates print them."""
    return f"{_digits(unit)}{n:03d}"


P, L, C, INS, B, F = (
    PowerType.PENALTY,
    PowerType.LICENSE,
    PowerType.COERCION,
    PowerType.INSPECTION,
    PowerType.BENEFIT,
    PowerType.CONFIRMATION,
)
STANDARD_LISTS: dict[str, list[tuple[str, str, str, str]]] = {
    "market": [
        (L, "食品生产许可", "《中华人民共和国食品安全法》", "第三十五条"),
        (L, "食品经营许可", "《中华人民共和国食品安全法》", "第三十五条"),
        (
            P,
            "对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
            "《中华人民共和国食品安全法》",
            "第一百二十二条",
        ),
        (P, "对经营超过保质期的食品的行政处罚", "《中华人民共和国食品安全法》", "第一百二十四条"),
        (P, "对发布虚假广告的行政处罚", "《中华人民共和国广告法》", "第五十五条"),
        (INS, "对食品生产经营者的监督检查", "《中华人民共和国食品安全法》", "第一百一十条"),
        (C, "查封、扣押不符合食品安全标准的食品", "《中华人民共和国食品安全法》", "第一百一十条"),
    ],
    "public_security": [
        (P, "对饮酒后驾驶机动车的行政处罚", "《中华人民共和国道路交通安全法》", "第九十一条"),
        (P, "对扰乱单位秩序的行政处罚", "《中华人民共和国治安管理处罚法》", "第二十三条"),
        (L, "机动车驾驶证核发", "《中华人民共和国道路交通安全法》", "第十九条"),
        (C, "扣留机动车驾驶证", "《中华人民共和国道路交通安全法》", "第九十一条"),
        (INS, "对旅馆业的治安检查", "《旅馆业治安管理办法》", "第十二条"),
    ],
    "ecology": [
        (L, "排污许可", "《中华人民共和国环境保护法》", "第四十五条"),
        (P, "对超标排放大气污染物的行政处罚", "《中华人民共和国大气污染防治法》", "第九十九条"),
        (P, "对违法排放污染物拒不改正的按日连续处罚", "《中华人民共和国环境保护法》", "第五十九条"),
        (
            P,
            "对建设项目未依法报批环境影响评价文件擅自开工建设的行政处罚",
            "《中华人民共和国环境影响评价法》",
            "第三十一条",
        ),
        (C, "查封、扣押造成污染物排放的设施、设备", "《中华人民共和国环境保护法》", "第二十五条"),
        (INS, "对排放污染物的企业事业单位的现场检查", "《中华人民共和国环境保护法》", "第二十四条"),
    ],
    "transport": [
        (
            P,
            "对未取得道路运输经营许可擅自从事道路运输经营的行政处罚",
            "《中华人民共和国道路运输条例》",
            "第六十三条",
        ),
        (L, "道路旅客运输经营许可", "《中华人民共和国道路运输条例》", "第八条"),
        (INS, "对道路运输经营者的监督检查", "《中华人民共和国道路运输条例》", "第五十八条"),
        (
            C,
            "暂扣无车辆营运证又无法当场提供其他有效证明的车辆",
            "《中华人民共和国道路运输条例》",
            "第六十一条",
        ),
    ],
    "urban": [
        (P, "对擅自占用城市道路摆摊设点的行政处罚", "《城市市容和环境卫生管理条例》", "第三十六条"),
        (P, "对未取得建设工程规划许可证进行建设的行政处罚", "《中华人民共和国城乡规划法》", "第六十四条"),
        (C, "查封施工现场、强制拆除违法建设", "《中华人民共和国城乡规划法》", "第六十八条"),
        (INS, "对城市市容和环境卫生的监督检查", "《城市市容和环境卫生管理条例》", "第三十六条"),
    ],
    "health": [
        (L, "公共场所卫生许可", "《公共场所卫生管理条例》", "第八条"),
        (P, "对非医师行医的行政处罚", "《中华人民共和国医师法》", "第五十九条"),
        (INS, "对公共场所卫生的监督检查", "《公共场所卫生管理条例》", "第八条"),
    ],
    "agriculture": [
        (L, "农药经营许可", "《农药管理条例》", "第二十四条"),
        (P, "对生产、经营假农药的行政处罚", "《农药管理条例》", "第五十五条"),
        (INS, "对农药生产经营活动的监督检查", "《农药管理条例》", "第四十一条"),
    ],
    "natural_resources": [
        (P, "对未经批准非法占用土地的行政处罚", "《中华人民共和国土地管理法》", "第七十七条"),
        (L, "建设用地规划许可", "《中华人民共和国城乡规划法》", "第三十七条"),
        (F, "不动产登记", "《中华人民共和国民法典》", "第二百一十条"),
        (INS, "对土地利用的监督检查", "《中华人民共和国土地管理法》", "第六十八条"),
    ],
    "hrss": [
        (P, "对克扣或者无故拖欠劳动者工资报酬的行政处罚", "《劳动保障监察条例》", "第二十六条"),
        (INS, "对用人单位遵守劳动保障法律法规情况的监察", "《劳动保障监察条例》", "第十一条"),
        (B, "失业保险金给付", "《中华人民共和国社会保险法》", "第四十五条"),
        (F, "工伤认定", "《工伤保险条例》", "第十四条"),
    ],
    "housing": [
        (L, "建筑工程施工许可", "《中华人民共和国建筑法》", "第七条"),
        (P, "对未取得施工许可证擅自施工的行政处罚", "《中华人民共和国建筑法》", "第六十四条"),
        (INS, "对建设工程质量的监督检查", "《建设工程质量管理条例》", "第四十四条"),
    ],
}
# 赋予乡镇（街道）的事项: the county's departments' powers the 综合行政执法队 exercises by the county's decision.
DELEGATED_LIST = [
    (P, "对擅自占用城市道路摆摊设点的行政处罚", "《城市市容和环境卫生管理条例》", "第三十六条"),
    (P, "对农村村民未经批准非法占用土地建住宅的行政处罚", "《中华人民共和国土地管理法》", "第七十八条"),
    (P, "对露天焚烧秸秆、落叶的行政处罚", "《中华人民共和国大气污染防治法》", "第一百一十九条"),
    (P, "对未取得乡村建设规划许可证进行建设的行政处罚", "《中华人民共和国城乡规划法》", "第六十五条"),
    (C, "查封施工现场、强制拆除违法建设", "《中华人民共和国城乡规划法》", "第六十八条"),
    (INS, "对辖区市容环境卫生的监督检查", "《城市市容和环境卫生管理条例》", "第三十六条"),
]
ENTRUSTED = {"health": "卫生健康综合监督执法所", "urban": "城市管理综合执法大队"}


def _short(org) -> str:
    return org.short_name or org.name[:2]


def _power_rows(ctx: DemoContext, published: dt.date) -> list[tuple[Any, PowerItem, str, str]]:
    """The lists each unit published on `published` (one document per jurisdiction, one per county for the
    townships' delegated items), as unsaved items with their documents."""
    rows = []
    for jur in ctx.jurisdictions():
        doc = (f"{_short(jur)}政办发〔{published.year}〕3号", f"关于公布{jur.name}政府部门权责清单的通知")
        for unit in ctx.units(jur):
            key = unit.code.rsplit("-", 1)[-1]
            for n, (kind, name, law, article) in enumerate(STANDARD_LISTS.get(key, []), start=1):
                entrusted = ENTRUSTED.get(key) if kind == PowerType.PENALTY and n == 2 else None
                item = PowerItem(
                    org=jur,
                    unit=unit,
                    code=_item_code(unit, kind, n),
                    name=name,
                    power_type=kind,
                    law=law,
                    articles=f"{law}{article}",
                    implementer="entrusted" if entrusted else "unit",
                    entrusted_org=f"{jur.name}{entrusted}" if entrusted else "",
                    responsibilities=RESPONSIBILITIES.get(kind, ""),
                    in_catalog=kind != PowerType.CONFIRMATION and kind != PowerType.BENEFIT,
                    added_on=published,
                )
                rows.append((unit, item, *doc))
        for township in (o for o in ctx.orgs(OrgKind.TOWNSHIP) if o.parent_id == jur.id):
            unit = ctx.unit(township, "enforcement")
            if unit is None:
                continue
            delegation = (
                f"{_short(jur)}政发〔{published.year - 1}〕21号",
                "关于赋予乡镇（街道）部分县级行政执法权限的决定",
            )
            delegated_on = dt.date(published.year - 1, 11, 20)
            for n, (kind, name, law, article) in enumerate(DELEGATED_LIST, start=1):
                item = PowerItem(
                    org=township,
                    unit=unit,
                    code=_item_code(unit, kind, 500 + n),
                    name=name,
                    power_type=kind,
                    law=law,
                    articles=f"{law}{article}",
                    responsibilities=RESPONSIBILITIES.get(kind, ""),
                    in_catalog=True,
                    delegated=True,
                    delegation_doc_number=delegation[0],
                    delegation_doc_title=delegation[1],
                    delegated_on=delegated_on,
                    added_on=published,
                )
                rows.append((unit, item, *delegation))
    return rows


def load_powers(ctx: DemoContext) -> tuple[dict[tuple[int, str], list[PowerItem]], int, int]:
    """The units' 权责清单: published at the start of the first demo year (written as the office's import), then
    adjusted by documents through the services (changes, removals, additions: the change log). Returns the items
    by (unit, power type), the number of items and of logged adjustments. Draws from its own random source so
    that the ledger's data do not move with the lists."""
    rng = random.Random(f"{ctx.seed}:enforcement-powers")  # noqa: S311 - reproducible demo data
    published = dt.date(ctx.years[0], 1, 15)
    rows = _power_rows(ctx, published)
    now = timezone.now()
    with ctx.on(published) as when:
        items = bulk_create_audited(PowerItem, [r[1] for r in rows], user=None, reason="清单导入", when=when)
    bulk_insert(
        PowerItemChange,
        [
            {
                "item_id": item.pk,
                "seq": 1,
                "action": "added",
                "doc_number": doc_number,
                "doc_title": doc_title,
                "doc_date": published,
                "before": {},
                "after": rules.power_snapshot(item),
                "note": "清单导入",
                "actor_id": None,
                "created_at": now,
            }
            for item, (_, _, doc_number, doc_title) in zip(items, rows, strict=True)
        ],
    )
    # 动态调整 in the second year: each jurisdiction's 编办 adjusts a few items by one document.
    adjusted = 0
    year = ctx.years[1]
    for j, jur in enumerate(ctx.jurisdictions()):
        day = dt.date(year, 6, 10) + dt.timedelta(days=j)
        doc = f"{_short(jur)}编办〔{year}〕{12 + j}号"
        title = "关于调整部分部门权责清单事项的通知"
        actor = ctx.user(jur, "office")
        own = [i for i in items if i.org_id == jur.id]
        picked = rng.sample(own, min(6, len(own)))
        with ctx.on(day):
            for item in picked[:3]:
                services.change_power_item(
                    item=item,
                    actor=actor,
                    doc_number=doc,
                    doc_title=title,
                    doc_date=day,
                    responsibilities=item.responsibilities + "、信用监管责任",
                    in_catalog=True,
                    note="增加信用监管责任",
                )
                adjusted += 1
            for item in picked[3:4]:
                services.remove_power_item(
                    item=item,
                    actor=actor,
                    doc_number=doc,
                    doc_title=title,
                    doc_date=day,
                    note="依法调整职责，事项取消",
                )
                adjusted += 1
            unit = ctx.unit(jur, "market")
            if unit is not None:
                services.add_power_item(
                    actor=actor,
                    unit=unit,
                    code=_item_code(unit, PowerType.INSPECTION, 101),
                    name="对电子商务经营者的监督检查",
                    power_type=PowerType.INSPECTION,
                    law="《中华人民共和国电子商务法》",
                    articles="《中华人民共和国电子商务法》第六条",
                    responsibilities=RESPONSIBILITIES[PowerType.INSPECTION],
                    in_catalog=True,
                    doc_number=doc,
                    doc_title=title,
                    doc_date=day,
                )
                adjusted += 1
    by_kind: dict[tuple[int, str], list[PowerItem]] = {}
    for item in PowerItem.objects.filter(pk__in=[i.pk for i in items]).order_by("id"):
        by_kind.setdefault((item.unit_id, item.power_type), []).append(item)
    return by_kind, PowerItem.objects.count(), adjusted
