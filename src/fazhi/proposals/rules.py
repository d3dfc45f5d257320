"""Rules of 建议提案办理: the reply due date (a local rule: months after 交办, `proposals.reply_months`), the
actions, the one validation and the timeline entries."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow

from .choices import Category, EventKind, Satisfaction, Status

if TYPE_CHECKING:
    from .models import Proposal

SETTING = "proposals.reply_months"
WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="建议提案",
    transitions_list=[
        T("answer", {Status.ASSIGNED}, Status.ANSWERED, "书面答复", "本地建议提案办理办法"),
        T("feedback", {Status.ANSWERED}, None, "登记代表委员意见", "本地建议提案办理办法"),
        T(
            "close",
            {Status.ANSWERED},
            Status.CLOSED,
            "办结",
            "本地建议提案办理办法",
            when=lambda p: bool(p.satisfaction),
            refusal="请先登记代表委员对答复的意见（满意、基本满意或不满意）",
        ),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


def add_months(start: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    m = start.month - 1 + months
    year, month = start.year + m // 12, m % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def reply_due(assigned_on: date, months: int) -> date:
    return add_months(assigned_on, months)


def validate(p: Proposal) -> dict[str, str]:
    errors: dict[str, str] = {}
    if p.answered_on and p.answered_on < p.assigned_on:
        errors["answered_on"] = (
            f"答复日期（{p.answered_on:%Y-%m-%d}）不能早于交办日期（{p.assigned_on:%Y-%m-%d}）"
        )
    if p.answered_on and not p.category:
        errors["category"] = "请填写办理结果（A、B、C类）"
    if p.category and p.category not in Category.values:
        errors["category"] = f"未知的办理结果：{p.category}"
    if p.satisfaction and p.satisfaction not in Satisfaction.values:
        errors["satisfaction"] = f"未知的意见：{p.satisfaction}"
    if p.closed_on and p.answered_on and p.closed_on < p.answered_on:
        errors["closed_on"] = "办结日期不能早于答复日期"
    return errors


def event(p: Proposal, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    note = ""
    if action == "register":
        kind, note = EventKind.ASSIGNED, f"主办 {p.unit.name}，答复期限 {p.due_on:%Y-%m-%d}"
    elif action == "answer":
        kind = EventKind.ANSWERED
        note = Category(p.category).label[:2] + ("" if p.on_time else f"（逾期，期限 {p.due_on:%Y-%m-%d}）")
    elif action == "feedback":
        kind, note = EventKind.FEEDBACK, Satisfaction(p.satisfaction).label
    elif action == "close":
        kind = EventKind.CLOSED
    else:  # pragma: no cover
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]
