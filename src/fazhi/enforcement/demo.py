"""The demo city's 行政执法 records: officers with certificates (some expiring, some short of training), a ledger of
cases over the demo's years (a sample through the services with their history and timeline; the bulk of the
ledger written as units report it, like an import), and one case-file review campaign.

Volumes: a prefecture-level city reports tens of thousands of 执法 records a year; the demo keeps ~2,000 a year at
scale 1 so that it loads in seconds (the bench generator covers real volumes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

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
from .models import EnforcementCase, EnforcementEvent, EnforcementWarning, Officer

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
                    cert_number=f"LC{unit.pk:04d}-{i + 1:03d}",
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
        f"执法监督预警 {opened} 条（待说明 {still_open} 条）"
    )


EXPLANATIONS = {
    WarningKind.DECISION_OVERDUE: "该案涉案物品送检，检测期间依规定不计入办案期限，已补充检测委托及结果材料说明。",
    WarningKind.PUBLISH_LATE: "经办人员未及时推送至行政执法公示平台，已补充公示，并对经办人员进行提醒谈话。",
    WarningKind.JUMP: "当月开展专项整治行动，集中查处一批违法行为，案件数量和罚没金额相应变化，属正常波动。",
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
                rectify_due=day + dt.timedelta(days=30) if problems else None,
            )
        if problems and ctx.rng.random() < 0.6:
            with ctx.on(day + dt.timedelta(days=20)):
                services.record_rectification(
                    review=review, actor=office, rectified_on=day + dt.timedelta(days=20)
                )
    return campaign.sample_size
