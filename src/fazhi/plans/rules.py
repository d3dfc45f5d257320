"""The workflow of a unit's share of a task (任务分工): report (报送进展) → accept/return (审核) → done, and 督办.

The plan is the office's own instrument, not a statute: the clock of a task is the deadline its text states
(parsing.deadline_of: 2024年底前, 6月底前), else the end of the plan's year; a 督办通知 sets a reply deadline
that replaces it until the unit's next progress report answers it. No period of days here is statutory (LAW.md §5: the 督察工作规定's reporting dates belong to
the annual report, not to the plan's tasks), so no rule goes into fazhi.law."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow

from .choices import EventKind, Op, ReportStatus, Status

if TYPE_CHECKING:
    from .models import Assignment, PlanTask

OPEN = {Status.NOT_STARTED, Status.IN_PROGRESS}


def _has_pending(a: Assignment) -> bool:
    return a.reports.filter(status=ReportStatus.SUBMITTED).exists()


WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="任务",
    transitions_list=[
        T(
            "report",
            OPEN,
            None,
            "报送进展",
            when=lambda a: not _has_pending(a),
            refusal="上一次报送的进展尚未审核，请待法治办审核后再报送。",
        ),
        T(
            "accept",
            OPEN,
            None,
            "采纳进展",
            when=_has_pending,
            refusal="没有待审核的进展。",
        ),
        T("return", OPEN, None, "退回进展", when=_has_pending, refusal="没有待审核的进展。"),
        T("urge", OPEN, None, "督办"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


def default_deadline(task: PlanTask) -> date:
    """The deadline a task's share gets: the one its text states, else the end of the plan's year."""
    return task.deadline or date(task.plan.year, 12, 31)


def awaiting_reply(a: Assignment) -> bool:
    """A 督办 of the share not yet answered by a progress report: the share's due date is its reply deadline."""
    return a.pk is not None and a.urgings.filter(answered_on__isnull=True).exists()


def is_overdue(a: Assignment, today: date) -> bool:
    return a.status != Status.DONE and a.due < today


# 滞后: 时间过半、进度未过半, the usual 督办 test: an open share not yet late, half of whose time (下达 to 完成时限)
# has passed while its accepted progress is under the threshold. The threshold is the jurisdiction's own number
# (a setting of the plan's jurisdiction, 系统管理 → 参数设置), 50 unless the office sets another.
LAG_SETTING = "plans.lag_percent"
LAG_PERCENT = 50


def lagging(today: date, below: Q | None = None) -> Q:
    """Lagging shares as of `today`; `below` says "progress under the threshold" (selectors.lag_below: per
    jurisdiction), else under the default."""
    if below is None:
        below = Q(percent__lt=LAG_PERCENT)
    return ~Q(status=Status.DONE) & Q(due__gte=today, halfway_on__lte=today) & below


def is_lagging(a: Assignment, today: date, threshold: int | None = None) -> bool:
    """`threshold`: the setting of the share's jurisdiction (read when not given)."""
    if a.status == Status.DONE or a.due < today or a.halfway_on is None or a.halfway_on > today:
        return False
    if threshold is None:
        threshold = lag_percent(a.org)
    return a.percent < threshold


def lag_percent(org: Any) -> int:
    """The jurisdiction's 滞后 threshold (cached on the org object for the rows of one page)."""
    cached = getattr(org, "_plans_lag_percent", None)
    if cached is None:
        from fazhi.core.jsettings import get_setting

        cached = int(get_setting(org, LAG_SETTING))
        org._plans_lag_percent = cached
    return cached


def shown_status(a: Assignment, today: date, threshold: int | None = None) -> str:
    """未开始 / 推进中 / 已完成 / 逾期 / 滞后, as the pages and the figures say it."""
    if is_overdue(a, today):
        return "逾期"
    if is_lagging(a, today, threshold):
        return "滞后"
    return Status(a.status).label


def plan_year_refusal(number: int, deadline: date | None, year: int) -> str:
    """Why a deadline read from a plan's text cannot stand (empty: it can): one before the plan's year is a
    misreading or a misprint. A past deadline of the plan's own year is not (the task is then overdue)."""
    if deadline is not None and deadline.year < year:
        return f"第{number}项任务：完成时限（{deadline:%Y-%m-%d}）早于工作要点年度（{year}年），请核对原文"
    return ""


def validate(a: Assignment) -> dict[str, str]:
    """Every rule a share of a task obeys, whoever writes it (services, the demo). Pure."""
    errors: dict[str, str] = {}
    # A plan entered late in its year states deadlines already past (6月底前 entered in November): the share
    # given then is at once overdue, not refused. A deadline set for the unit alone cannot precede the share.
    if a.deadline and a.assigned_on and a.deadline < a.assigned_on and a.deadline != a.task.deadline:
        errors["deadline"] = f"完成时限（{a.deadline:%Y-%m-%d}）不能早于下达日期（{a.assigned_on:%Y-%m-%d}）"
    if a.percent is not None and not 0 <= a.percent <= 100:
        errors["percent"] = "完成进度应在0至100之间"
    if a.status == Status.DONE and not a.completed_on:
        errors["completed_on"] = "已完成的任务请填写完成日期"
    if a.completed_on and a.assigned_on and a.completed_on < a.assigned_on:
        errors["completed_on"] = "完成日期不能早于下达日期"
    return errors


def met(op: str, value: Any, threshold: Any) -> bool | None:
    """Whether a figure meets a target (None: no figure, or a comparison with another figure)."""
    if value is None or threshold is None or op == Op.CMP:
        return None
    v, t = float(value), float(threshold)
    return {">=": v >= t, ">": v > t, "<=": v <= t, "<": v < t, "=": v == t}[op]


def event(a: Assignment, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry an action leaves (kind, date, note)."""
    if action == "assign":
        kind, note = EventKind.ASSIGNED, f"完成时限 {a.deadline:%Y-%m-%d}" + ("（牵头）" if a.lead else "")
    elif action == "report":
        kind, note = (
            EventKind.REPORTED,
            f"进度 {facts['percent']}%" + ("（回复督办）" if facts.get("answers") else ""),
        )
    elif action == "accept":
        kind, note = (EventKind.DONE, "任务完成") if a.status == Status.DONE else (EventKind.ACCEPTED, "")
    elif action == "return":
        kind, note = EventKind.RETURNED, facts.get("reason", "")
    elif action == "urge":
        level = facts.get("level", 1)
        kind = EventKind.URGED if level == 1 else EventKind.ESCALATED
        note = f"限 {facts['reply_due']:%Y-%m-%d} 前回复：{facts.get('note', '')}"
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def share_removal_refusal(a: Assignment, *, has_attachments: bool = False) -> str:
    """Why a unit's share cannot be taken off its task when the office edits the task (empty: it can). Once the
    unit has reported, been urged, finished or filed evidence, the share is part of the year's record: it stays
    (the office can 作废 it with a reason on its own page), and so does its task."""
    if a.status == Status.DONE:
        return f"{a.unit.name}的分工已完成"
    if a.reports.exists():
        return f"{a.unit.name}已报送进展"
    if a.urgings.exists():
        return f"{a.unit.name}的分工已督办"
    if has_attachments:
        return f"{a.unit.name}的分工已有佐证材料"
    return ""


def follows_task_deadline(a: Assignment, old: date) -> bool:
    """A share whose deadline is the task's (not one set for the unit alone) follows a change of the task's
    deadline, unless it is done."""
    return a.status != Status.DONE and a.deadline == old
