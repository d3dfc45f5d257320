"""Every write to 12345 工单: one atomic, permission-checked, audited function per step of the closed loop.

The hotline office (`hotline.handle` in the ticket's jurisdiction) takes, dispatches, reviews bounces, supervises,
closes, follows up and merges; the unit a ticket is dispatched to (`hotline.handle` in that unit) signs, bounces
and answers it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.audit import save_audited
from fazhi.core.casework.transitions import Transitions, acting_user
from fazhi.core.models import Org
from fazhi.core.numbering import next_number
from fazhi.core.permissions import can
from fazhi.core.types import Actor

from . import rules
from .choices import CATEGORY_DICT, BounceKind, Channel, Outcome, RequestType, Satisfaction, Status, Urgency
from .models import Assignment, Ticket, TicketEvent


def _require_office(actor: Actor, ticket_or_org: Ticket | Org) -> None:
    org = ticket_or_org.org if isinstance(ticket_or_org, Ticket) else ticket_or_org
    if not can(actor, org, "hotline.handle"):
        raise PermissionDenied("无权办理该热线工单：派单、审核、督办、办结和回访由热线办理机构进行")


def _require_unit(actor: Actor, ticket: Ticket) -> None:
    if not (can(actor, ticket.unit, "hotline.handle") or can(actor, ticket.org, "hotline.handle")):
        raise PermissionDenied("无权办理该工单：只有承办单位可以签收、退单和回复")


# Every step of the loop: one transaction, the row locked, the office's or the unit's capability, the workflow's
# check (rules.WORKFLOW); each save passes rules.validate and is audited; the timeline entry as rules.event words it.
FLOW = Transitions.of(rules, permit=_require_office, events=TicketEvent, record="ticket")


def _current(ticket: Ticket) -> Assignment:
    a = ticket.assignments.filter(outcome=Outcome.HOLDING).order_by("-id").first()
    if a is None:  # pragma: no cover - a ticket at a unit always has its 派单
        raise ValidationError("该工单没有进行中的派单记录")
    return a


def _not_before(on: date, earlier: date | None, what: str, earlier_what: str) -> None:
    if earlier and on < earlier:
        raise ValidationError(f"{what}（{on:%Y-%m-%d}）不能早于{earlier_what}（{earlier:%Y-%m-%d}）")


def check_category(code: str) -> None:
    from fazhi.core.models import DictItem

    if not DictItem.objects.filter(category=CATEGORY_DICT, code=code, is_active=True).exists():
        raise ValidationError(
            {"category": f"诉求分类「{code}」不在字典「{CATEGORY_DICT}」中，请先由管理员添加"}
        )


@transaction.atomic
def receive_ticket(
    *,
    actor: Actor,
    org: Org,
    caller: str,
    category: str,
    content: str,
    received_on: date,
    channel: str = Channel.PHONE,
    request_type: str = RequestType.HELP,
    urgency: str = Urgency.NORMAL,
    phone: str = "",
    location: str = "",
    number: str = "",
    lat: Decimal | None = None,
    long: Decimal | None = None,
) -> Ticket:
    """受理: the hotline takes a request (channel, caller, location and its coordinates, category from the
    dictionary)."""
    org = org.jurisdiction()
    _require_office(actor, org)
    check_category(category)
    rules.check_coordinates(lat, long)
    for value, choices, name in (
        (channel, Channel, "channel"),
        (request_type, RequestType, "request_type"),
        (urgency, Urgency, "urgency"),
    ):
        if value not in choices.values:
            raise ValidationError({name: f"未知的取值：{value}"})
    if not number:
        number = next_number(org, "hotline", received_on.year)[1]
    elif Ticket.objects.filter(org=org, number=number).exists():
        raise ValidationError({"number": f"工单编号 {number} 已存在"})
    ticket = Ticket(
        org=org,
        number=number,
        channel=channel,
        request_type=request_type,
        urgency=urgency,
        category=category,
        caller=caller.strip(),
        phone=phone.strip(),
        location=location.strip(),
        lat=lat,
        long=long,
        content=content.strip(),
        received_on=received_on,
        created_by=acting_user(actor),
    )
    ticket.full_clean(exclude=["created_by", "unit", "merged_into", "org"])
    FLOW.done(ticket, "receive", actor=actor, history="受理工单", on=received_on)
    return ticket


@FLOW.action("dispatch")
def dispatch_ticket(*, ticket: Ticket, actor: Actor, unit: Org, dispatched_on: date) -> Ticket:
    """派单: the clock of the unit starts (the limit by category and urgency, settings of the jurisdiction)."""
    if not rules.in_jurisdiction(unit, ticket.org):
        raise ValidationError({"unit": f"承办单位「{unit.name}」不在{ticket.org.name}的管辖范围内，不能派单"})
    _not_before(dispatched_on, ticket.received_on, "派单日期", "受理日期")
    due = rules.TimeLimits.of(ticket.org).due(dispatched_on, ticket.category, ticket.urgency)
    ticket.unit, ticket.dispatched_on, ticket.due_on = unit, dispatched_on, due
    ticket.signed_on = None
    ticket.status = Status.DISPATCHED
    FLOW.save(ticket, actor=actor, reason=f"派单至{unit.name}")
    save_audited(
        Assignment(ticket=ticket, unit=unit, dispatched_on=dispatched_on, due_on=due),
        actor=actor,
        reason="派单",
    )
    FLOW.event(ticket, "dispatch", on=dispatched_on, actor=actor, unit=unit)
    return ticket


@FLOW.action("sign", permit=_require_unit)
def sign_ticket(*, ticket: Ticket, actor: Actor, signed_on: date) -> Ticket:
    """签收 by the unit."""
    _not_before(signed_on, ticket.dispatched_on, "签收日期", "派单日期")
    a = _current(ticket)
    a.signed_on = signed_on
    save_audited(a, actor=actor, reason="签收")
    ticket.signed_on = signed_on
    FLOW.done(ticket, "sign", actor=actor, history="签收", on=signed_on)
    return ticket


@FLOW.action("bounce", permit=_require_unit)
def bounce_ticket(*, ticket: Ticket, actor: Actor, bounced_on: date, reason: str) -> Ticket:
    """退单 (before 签收) or 派单异议 (after it), with the reason; the hotline office reviews it. The unit's clock
    keeps running until the office upholds the bounce."""
    if not reason.strip():
        raise ValidationError({"reason": "退单或提出派单异议须说明理由"})
    _not_before(bounced_on, ticket.dispatched_on, "退单日期", "派单日期")
    a = _current(ticket)
    a.bounce_kind = BounceKind.OBJECTION if ticket.status == Status.HANDLING else BounceKind.RETURN
    a.bounce_reason, a.bounced_on = reason.strip()[:300], bounced_on
    save_audited(a, actor=actor, reason=a.get_bounce_kind_display())
    FLOW.done(
        ticket,
        "bounce",
        actor=actor,
        history=a.get_bounce_kind_display(),
        on=bounced_on,
        note=f"{a.get_bounce_kind_display()}：{a.bounce_reason}",
    )
    return ticket


@FLOW.action("review")
def review_bounce(
    *, ticket: Ticket, actor: Actor, reviewed_on: date, approved: bool, note: str = ""
) -> Ticket:
    """派单异议审核 by the hotline office (国办函〔2025〕66号). Upheld: the unit's hold ends, the working days it held
    the ticket are recorded on its 派单, the ticket waits for a new 派单 (whose clock starts afresh). Refused: the
    unit keeps the ticket and its original due date (the days spent arguing are its own)."""
    a = _current(ticket)
    _not_before(reviewed_on, a.bounced_on, "审核日期", "退单日期")
    a.review_note = note.strip()[:300]
    if approved:
        a.ended_on, a.outcome = reviewed_on, Outcome.RETURNED
        a.held_days = rules.TimeLimits.of(ticket.org).held(a.dispatched_on, a.bounced_on or reviewed_on)
        ticket.unit, ticket.dispatched_on, ticket.due_on, ticket.signed_on = None, None, None, None
        ticket.status = Status.RECEIVED
        ticket.bounce_count += 1
    else:
        ticket.status = Status.HANDLING if a.signed_on else Status.DISPATCHED
        a.bounce_kind, a.bounced_on = "", None  # back to the unit; the refused bounce stays in the timeline
    save_audited(a, actor=actor, reason="退单审核通过" if approved else "退单审核不通过")
    FLOW.done(
        ticket,
        "review",
        actor=actor,
        history="退单审核通过" if approved else "退单审核不通过",
        on=reviewed_on,
        approved=approved,
        note=a.review_note,
    )
    return ticket


@FLOW.action("reply", permit=_require_unit)
def reply_ticket(*, ticket: Ticket, actor: Actor, replied_on: date, reply: str) -> Ticket:
    """回复: the unit's answer; on time when on or before the due date of its 派单."""
    if not reply.strip():
        raise ValidationError({"reply": "请填写办理结果"})
    _not_before(replied_on, ticket.signed_on, "回复日期", "签收日期")
    a = _current(ticket)
    a.ended_on, a.outcome = replied_on, Outcome.REPLIED
    a.held_days = rules.TimeLimits.of(ticket.org).held(a.dispatched_on, replied_on)
    save_audited(a, actor=actor, reason="回复")
    ticket.replied_on, ticket.reply = replied_on, reply.strip()
    ticket.on_time = rules.is_on_time(ticket)
    FLOW.done(ticket, "reply", actor=actor, history="回复", on=replied_on)
    return ticket


@FLOW.action("supervise")
def supervise_ticket(*, ticket: Ticket, actor: Actor, supervised_on: date, note: str = "") -> Ticket:
    """督办 of a ticket past its due date."""
    ticket.supervise_count += 1
    FLOW.done(ticket, "supervise", actor=actor, history="督办", on=supervised_on, note=note.strip())
    return ticket


# 办结: the hotline office accepts the unit's answer.
close_ticket = FLOW.stamp("close", "closed_on", history="办结")


@FLOW.action("visit")
def visit_ticket(
    *, ticket: Ticket, actor: Actor, visited_on: date, satisfaction: str, note: str = ""
) -> Ticket:
    """回访 and 满意度."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": f"未知的满意度：{satisfaction}"})
    ticket.visited_on, ticket.satisfaction = visited_on, satisfaction
    FLOW.done(ticket, "visit", actor=actor, history="回访", on=visited_on, note=note.strip())
    return ticket


@FLOW.action("merge")
def merge_ticket(*, ticket: Ticket, actor: Actor, into: Ticket, merged_on: date, note: str = "") -> Ticket:
    """并单: a repeated request joins the ticket that handles it (国办函〔2025〕66号 "原则上并单处理"); the original
    is kept, with its own history, and no longer counted as a request of its own."""
    if into.pk == ticket.pk:
        raise ValidationError({"into": "不能将工单并入其自身"})
    if into.org_id != ticket.org_id:
        raise ValidationError({"into": "只能并入本行政区划热线受理的工单"})
    if into.status == Status.MERGED:
        raise ValidationError({"into": f"工单 {into.number} 已并入其他工单，请并入主工单"})
    holding = ticket.assignments.filter(outcome=Outcome.HOLDING).first()
    if holding is not None:
        holding.ended_on, holding.outcome = merged_on, Outcome.WITHDRAWN
        save_audited(holding, actor=actor, reason="并单")
    ticket.merged_into = into
    FLOW.done(
        ticket,
        "merge",
        actor=actor,
        history=f"并入工单 {into.number}",
        on=merged_on,
        into=into,
        note=note.strip(),
    )
    return ticket
