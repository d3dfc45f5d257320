"""The demo city's 12345 tickets (core/demoplan.py): a year and a bit of a city hotline's load, written in bulk
(tens of thousands of final-state rows, as an import from the hotline platform would write them, with their 派单
records, timeline and "+" history), plus a sample replayed through the services so that some tickets carry the
full closed loop with its real history: a bounce upheld and re-dispatched, an objection refused, a 督办, a 并单.

Volumes: the seeds report a city hotline's 受理 in the hundreds of thousands over several years (seed: "累计受理群众
诉求82.3万件，满意率达97.93%"); at scale 1 the demo takes TICKETS_PER_YEAR a year so that `fazhi demo` stays fast."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from fazhi.core.demoplan import DemoContext
from fazhi.core.importing import bulk_create_audited, bulk_insert, chunked
from fazhi.core.models import DictItem

from . import rules, services
from .choices import CATEGORY_DICT, Channel, Outcome, RequestType, Satisfaction, Status, Urgency
from .models import Assignment, Ticket, TicketEvent

TICKETS_PER_YEAR = 15000
REASON = "演示数据"

# GB/T 39666-style 诉求分类 (a sample; the office edits the dictionary), with the share of tickets in each
CATEGORIES = [
    ("01", "城乡建设", 0.18, "housing"),
    ("02", "市场监管", 0.14, "market"),
    ("03", "交通运输", 0.10, "transport"),
    ("04", "劳动和社会保障", 0.10, "hrss"),
    ("05", "生态环境", 0.08, "ecology"),
    ("06", "公共安全", 0.08, "public_security"),
    ("07", "城市管理", 0.14, "urban"),
    ("08", "卫生健康", 0.07, "health"),
    ("09", "农业农村", 0.05, "agriculture"),
    ("10", "其他", 0.06, ""),
]
CHANNELS = {
    Channel.PHONE: 0.62,
    Channel.WEB: 0.12,
    Channel.APP: 0.2,
    Channel.MAILBOX: 0.04,
    Channel.OTHER: 0.02,
}
TYPES = {
    RequestType.CONSULT: 0.3,
    RequestType.HELP: 0.3,
    RequestType.COMPLAINT: 0.25,
    RequestType.REPORT: 0.08,
    RequestType.SUGGESTION: 0.07,
}
PLACES = [
    "和平路",
    "解放街",
    "滨河大道",
    "人民广场",
    "新华小区",
    "建设路",
    "工业园区",
    "东关村",
    "西城花园",
    "南湖路",
]
CONTENT = {
    "01": "小区楼道漏水，物业不予维修",
    "02": "超市销售过期食品",
    "03": "公交线路调整后出行不便",
    "04": "用人单位拖欠工资",
    "05": "夜间施工噪音扰民",
    "06": "路口信号灯故障",
    "07": "商户占道经营",
    "08": "诊所收费不规范",
    "09": "耕地被占用",
    "10": "咨询办事流程",
}


def _categories() -> None:
    for i, (code, label, _, _) in enumerate(CATEGORIES):
        DictItem.objects.get_or_create(
            category=CATEGORY_DICT, code=code, defaults={"label": label, "sort": i}
        )


def load(ctx: DemoContext) -> str:
    _categories()
    city = ctx.root
    units = [u for u in ctx.units() if u.path.startswith(city.path)]
    if not units:
        return "12345热线：演示城市没有单位，未生成工单"
    by_field: dict[str, list] = {}
    for u in units:
        by_field.setdefault(u.code.rsplit("-", 1)[-1], []).append(u)
    # each unit's quality: how often it answers late and how callers rate it
    quality = {u.id: (ctx.rng.uniform(0.02, 0.2), ctx.rng.uniform(0.8, 0.99)) for u in units}
    limits = rules.TimeLimits.of(city)
    office = ctx.user(city, "office")
    bulk = _bulk(ctx, city, units, by_field, quality, limits, office)
    sample = _sample(ctx, city, units, office)
    return f"12345工单 {bulk + sample} 件（其中经办理流程生成 {sample} 件）"


def _bulk(ctx, city, units, by_field, quality, limits, office) -> int:
    rng = ctx.rng
    cats = [(c[0], c[3]) for c in CATEGORIES]
    cat_weights = [c[2] for c in CATEGORIES]
    tickets: list[tuple[Ticket, list[dict[str, Any]]]] = []
    seq = 0
    for year in ctx.years[1:]:
        days = ctx.days(year)
        for day in days:
            n = ctx.count(TICKETS_PER_YEAR, year) // max(1, len(days))
            n += (
                1 if rng.random() < (ctx.count(TICKETS_PER_YEAR, year) % max(1, len(days))) / len(days) else 0
            )
            for _ in range(n):
                seq += 1
                ((code, field),) = rng.choices(cats, weights=cat_weights)
                t, assigns = _one(ctx, city, units, by_field.get(field), quality, limits, day, code, seq)
                tickets.append((t, assigns))
    user = office if getattr(office, "is_authenticated", False) else None
    now = timezone.now()
    written = 0
    for part in chunked(tickets, 5000):
        objs = bulk_create_audited(Ticket, [t for t, _ in part], user=user, reason=REASON, when=now)
        assignments, events = [], []
        for (_, assigns), obj in zip(part, objs, strict=True):
            for a in assigns:
                assignments.append({**a, "ticket_id": obj.pk})
            for kind, on, note in rules.timeline(obj, note=REASON):
                events.append({"case_id": obj.pk, "kind": kind, "on": on, "note": note, "created_at": now})
        bulk_insert(Assignment, assignments)
        bulk_insert(TicketEvent, events)
        written += len(part)
    return written


def _one(ctx, city, units, field_units, quality, limits, day, code, seq):
    rng, today = ctx.rng, ctx.today
    urgency = Urgency.URGENT if rng.random() < 0.05 else Urgency.NORMAL
    t = Ticket(
        org=city,
        number=f"12345-{day:%Y%m%d}-{seq:06d}",
        channel=ctx.pick(CHANNELS),
        request_type=ctx.pick(TYPES),
        category=code,
        urgency=urgency,
        caller=ctx.person(),
        phone=f"1{rng.randint(3, 9)}{rng.randint(0, 999999999):09d}",
        location=f"{rng.choice(PLACES)}{rng.randint(1, 200)}号",
        content=CONTENT[code],
        received_on=day,
    )
    assigns: list[dict[str, Any]] = []

    def step(d: dt.date) -> dt.date | None:
        return d if d <= today else None

    disp = step(day + dt.timedelta(days=rng.choice((0, 0, 0, 1))))
    if disp is None:
        t.status = Status.RECEIVED
        return t, assigns
    unit = rng.choice(field_units or units)
    if rng.random() < 0.03:  # dispatched to the wrong unit first, bounced and upheld
        wrong = rng.choice(units)
        bounced = disp + dt.timedelta(days=rng.randint(1, 2))
        if bounced > today:
            bounced = None
        due = limits.due(disp, code, urgency)
        if bounced is None:
            unit = wrong
        else:
            assigns.append(
                {
                    "unit_id": wrong.id, "dispatched_on": disp, "due_on": due, "bounce_kind": "return",
                    "bounce_reason": "非本单位职责", "bounced_on": bounced, "ended_on": bounced,
                    "outcome": Outcome.RETURNED, "held_days": limits.held(disp, bounced),
                }
            )  # fmt: skip
            t.bounce_count = 1
            disp = bounced
    due = limits.due(disp, code, urgency)
    late_p, sat_p = quality[unit.id]
    t.unit, t.dispatched_on, t.due_on, t.status = unit, disp, due, Status.DISPATCHED
    a = {"unit_id": unit.id, "dispatched_on": disp, "due_on": due, "outcome": Outcome.HOLDING}
    assigns.append(a)
    signed = step(disp + dt.timedelta(days=rng.choice((0, 0, 1))))
    if signed is None:
        return t, assigns
    t.signed_on, t.status, a["signed_on"] = signed, Status.HANDLING, signed
    if rng.random() < late_p:
        replied = due + dt.timedelta(days=rng.randint(1, 6))
    else:
        replied = signed + dt.timedelta(days=rng.randint(0, max(0, (due - signed).days)))
    if step(replied) is None:
        return t, assigns
    t.replied_on, t.reply, t.status = replied, "已按职责办理并答复诉求人", Status.REPLIED
    t.on_time = rules.is_on_time(t)
    a.update(ended_on=replied, outcome=Outcome.REPLIED, held_days=limits.held(disp, replied))
    closed = step(replied + dt.timedelta(days=rng.randint(0, 2)))
    if closed is None:
        return t, assigns
    t.closed_on, t.status = closed, Status.CLOSED
    visited = step(closed + dt.timedelta(days=rng.randint(1, 3)))
    if visited is not None and rng.random() < 0.85:
        t.visited_on = visited
        if rng.random() < 0.04:
            t.satisfaction = Satisfaction.UNREACHABLE
        elif rng.random() < sat_p:
            t.satisfaction = Satisfaction.SATISFIED if rng.random() < 0.8 else Satisfaction.BASIC
        else:
            t.satisfaction = Satisfaction.DISSATISFIED
    return t, assigns


def _sample(ctx, city, units, office) -> int:
    """A few tickets of the last weeks through the services: their pages show the real closed loop."""
    rng, today = ctx.rng, ctx.today
    n = 0
    start = today - dt.timedelta(days=40)
    made: list[Ticket] = []
    for i in range(24):
        day = start + dt.timedelta(days=i)
        code = CATEGORIES[i % len(CATEGORIES)][0]
        with ctx.on(day):
            t = services.receive_ticket(
                actor=office, org=city, caller=ctx.person(), category=code, content=CONTENT[code],
                received_on=day, channel=ctx.pick(CHANNELS), location=f"{rng.choice(PLACES)}{i + 1}号",
                urgency=Urgency.URGENT if i % 7 == 0 else Urgency.NORMAL,
            )  # fmt: skip
        n += 1
        if i % 8 == 7 and made:  # a repeated request: merged into an earlier one
            with ctx.on(day):
                services.merge_ticket(
                    ticket=t, actor=office, into=made[-1], merged_on=day, note="同一诉求重复来电"
                )
            continue
        made.append(t)
        unit = units[(i * 7) % len(units)]
        clerk = ctx.user(unit, "clerk")
        d = day + dt.timedelta(days=1)
        if d > today:
            continue
        with ctx.on(d):
            services.dispatch_ticket(ticket=t, actor=office, unit=unit, dispatched_on=d)
        if i % 5 == 1:  # 退单 upheld, re-dispatched
            with ctx.on(d):
                services.bounce_ticket(ticket=t, actor=clerk, bounced_on=d, reason="不属于本单位职责范围")
                services.review_bounce(ticket=t, actor=office, reviewed_on=d, approved=True, note="同意退单")
            unit = units[(i * 7 + 3) % len(units)]
            clerk = ctx.user(unit, "clerk")
            d = d + dt.timedelta(days=1)
            with ctx.on(d):
                services.dispatch_ticket(ticket=t, actor=office, unit=unit, dispatched_on=d)
        with ctx.on(d):
            services.sign_ticket(ticket=t, actor=clerk, signed_on=d)
        if i % 5 == 2:  # 派单异议 refused: the unit keeps its clock
            with ctx.on(d):
                services.bounce_ticket(ticket=t, actor=clerk, bounced_on=d, reason="应由属地乡镇办理")
                services.review_bounce(
                    ticket=t, actor=office, reviewed_on=d, approved=False, note="属本单位职责"
                )
        if i > 16:
            continue  # the recent ones stay open (some past their due date: 督办)
        replied = t.due_on + dt.timedelta(days=2) if i % 6 == 0 else d + dt.timedelta(days=2)
        if replied > today:
            continue
        if t.due_on and t.due_on < replied:
            with ctx.on(t.due_on + dt.timedelta(days=1)):
                services.supervise_ticket(
                    ticket=t,
                    actor=office,
                    supervised_on=t.due_on + dt.timedelta(days=1),
                    note="已超期，请加快办理",
                )
        with ctx.on(replied):
            services.reply_ticket(
                ticket=t, actor=clerk, replied_on=replied, reply="已现场核实并处理，答复诉求人"
            )
            services.close_ticket(ticket=t, actor=office, closed_on=replied)
        v = replied + dt.timedelta(days=1)
        if v <= today:
            with ctx.on(v):
                services.visit_ticket(
                    ticket=t, actor=office, visited_on=v,
                    satisfaction=Satisfaction.SATISFIED if i % 4 else Satisfaction.BASIC,
                )  # fmt: skip
    return n
