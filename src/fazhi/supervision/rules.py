"""Rules of 督察, 考评 and 述法: the workflows (states, transitions, Chinese refusals), the one validation of a
problem record, the scoring of an item from its indicator and the ranking within a peer group. Pure functions:
services, the importer and the demo use the same ones.

《法治政府建设与责任落实督察工作规定》 (2019) is cited as a whole (its article numbers are unverified, LAW.md §5);
the local 考评细则 is data (Scheme and its items), not code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow

from .choices import (
    EvidenceStatus,
    IndicatorOp,
    InspectionStatus,
    InterviewStatus,
    ItemMethod,
    ProblemEventKind,
    ProblemStatus,
    SchemeStatus,
    ShufaStatus,
)

if TYPE_CHECKING:
    from .models import Problem, SchemeItem

RULE = "《法治政府建设与责任落实督察工作规定》"
P = ProblemStatus

WORKFLOW = Workflow(
    status=ProblemStatus,
    noun="问题",
    transitions_list=[
        T("plan", {P.PENDING}, P.RECTIFYING, "制定整改措施", RULE),
        T("progress", {P.RECTIFYING}, None, "报告整改进展", RULE),
        T("apply", {P.RECTIFYING}, P.APPLIED, "申请销号", RULE),
        T("approve", {P.APPLIED}, P.CLOSED, "销号", RULE),
        T("refuse", {P.APPLIED}, P.RECTIFYING, "退回整改", RULE),
        T("reopen", {P.CLOSED}, P.RECTIFYING, "重新整改", RULE),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check
#: the actions of the responsible unit; the others are the office's (销号 is the office's decision)
UNIT_ACTIONS = frozenset({"plan", "progress", "apply"})

INSPECTION_WORKFLOW = Workflow(
    status=InspectionStatus,
    noun="督察",
    number_field="title",
    transitions_list=[
        T("conclude", {InspectionStatus.ONGOING}, InspectionStatus.CONCLUDED, "结束督察", RULE)
    ],
)

INTERVIEW_WORKFLOW = Workflow(
    status=InterviewStatus,
    noun="约谈",
    transitions_list=[
        T("follow", {InterviewStatus.HELD}, InterviewStatus.FOLLOWED, "跟踪落实", RULE),
    ],
)

SCHEME_WORKFLOW = Workflow(
    status=SchemeStatus,
    noun="考评方案",
    transitions_list=[
        T("item", {SchemeStatus.DRAFT}, None, "增加考评项目", ""),
        T("score", {SchemeStatus.DRAFT}, None, "评分", ""),
        T("compute", {SchemeStatus.DRAFT}, None, "按指标计分", ""),
        T("publish", {SchemeStatus.DRAFT}, SchemeStatus.PUBLISHED, "公布结果", ""),
    ],
)

EVIDENCE_WORKFLOW = Workflow(
    status=EvidenceStatus,
    noun="考评材料",
    transitions_list=[T("review", {EvidenceStatus.SUBMITTED}, EvidenceStatus.REVIEWED, "审阅", "")],
)

SHUFA_WORKFLOW = Workflow(
    status=ShufaStatus,
    noun="述法",
    transitions_list=[T("review", {ShufaStatus.REPORTED}, ShufaStatus.REVIEWED, "评议", "")],
)


# -- 问题台账 ------------------------------------------------------------------------------------------------
def is_overdue(problem: Problem, today: date) -> bool:
    """整改逾期: still to be rectified (待整改/整改中) after its deadline. A problem whose 销号 is applied for is
    waiting on the office, not on the unit."""
    return problem.status in (P.PENDING, P.RECTIFYING) and problem.rectify_due < today


def validate(problem: Problem) -> dict[str, str]:
    """Every rule a problem record obeys, whoever writes it (services, importer, demo); {field: message}."""
    errors: dict[str, str] = {}
    if not (problem.description or "").strip():
        errors["description"] = "请填写问题描述"
    if problem.found_on and problem.rectify_due and problem.rectify_due < problem.found_on:
        errors["rectify_due"] = (
            f"整改期限（{problem.rectify_due:%Y-%m-%d}）不能早于发现日期（{problem.found_on:%Y-%m-%d}）"
        )
    if problem.status in (P.APPLIED, P.CLOSED) and not (problem.measures or "").strip():
        errors["measures"] = "申请销号前请填写整改措施"
    if problem.applied_on and problem.found_on and problem.applied_on < problem.found_on:
        errors["applied_on"] = "申请销号日期不能早于发现日期"
    if problem.closed_on and problem.applied_on and problem.closed_on < problem.applied_on:
        errors["closed_on"] = (
            f"销号日期（{problem.closed_on:%Y-%m-%d}）不能早于申请销号日期（{problem.applied_on:%Y-%m-%d}）"
        )
    return errors


def event(problem: Problem, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry an action leaves (kind, date, note)."""
    note = str(facts.get("note") or "")
    kinds = {
        "found": ProblemEventKind.FOUND,
        "plan": ProblemEventKind.PLANNED,
        "progress": ProblemEventKind.PROGRESS,
        "apply": ProblemEventKind.APPLIED,
        "approve": ProblemEventKind.CLOSED,
        "refuse": ProblemEventKind.RETURNED,
        "reopen": ProblemEventKind.REOPENED,
    }
    if action == "found":
        note = f"整改期限 {problem.rectify_due:%Y-%m-%d}"
    elif action == "plan":
        note = problem.measures
    elif action == "apply" and problem.rectify_due and on > problem.rectify_due:
        note = (f"逾期完成整改（期限 {problem.rectify_due:%Y-%m-%d}）；" + note).rstrip("；")
    return kinds[action], on, note[:300]


# -- 考评 ----------------------------------------------------------------------------------------------------
TWO = Decimal("0.01")


def q2(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemScore:
    """The score an indicator item gives, or None (and why) when the item must be scored on evidence."""

    score: Decimal | None
    basis: str


def score_indicator(
    item: SchemeItem, value: Decimal | None, sample: int | None, *, unit: str = "%"
) -> ItemScore:
    """An indicator item's score from the unit's figure. Meeting the target gives full marks; below it the
    score falls linearly: for "不低于 T", points × value ÷ T; for "不高于 T", points × (100 − value) ÷ (100 − T)
    (a rate in percent). No figure, or fewer records behind it than the item's minimum sample: scored by the
    assessors on evidence (None)."""
    if value is None:
        return ItemScore(None, "无指标数据，由评审依据材料打分")
    if item.min_sample and (sample or 0) < item.min_sample:
        return ItemScore(None, f"样本数 {sample or 0} 少于 {item.min_sample}，由评审依据材料打分")
    target = item.target if item.target is not None else Decimal(0)
    points = item.points
    t = points_text(target)
    shown = f"{points_text(value)}{unit}"
    if item.op == IndicatorOp.AT_MOST:
        if value <= target:
            return ItemScore(q2(points), f"{shown}，达到「不高于{t}{unit}」，得满分")
        room = Decimal(100) - target
        got = points * max(Decimal(0), Decimal(100) - value) / room if room > 0 else Decimal(0)
        return ItemScore(q2(got), f"{shown}，未达到「不高于{t}{unit}」，按比例计分")
    if value >= target:
        return ItemScore(q2(points), f"{shown}，达到「不低于{t}{unit}」，得满分")
    got = points * value / target if target > 0 else Decimal(0)
    return ItemScore(q2(got), f"{shown}，未达到「不低于{t}{unit}」，按比例计分")


def points_text(value: Decimal) -> str:
    """20.00 → "20", 2.50 → "2.5"."""
    return f"{value.normalize():f}"


def check_score(item: SchemeItem, score: Decimal) -> str:
    """The refusal of a score an item cannot take, or "": 0..points (a deduction: −points..0)."""
    points = points_text(item.points)
    if item.method == ItemMethod.DEDUCTION:
        if not (-item.points <= score <= 0):
            return f"扣分项「{item.name}」的得分应在 -{points} 至 0 之间（填负数表示扣分）"
        return ""
    if not (0 <= score <= item.points):
        return f"「{item.name}」的得分应在 0 至 {points} 之间"
    return ""


@dataclass(frozen=True)
class Ranked:
    unit_id: int
    total: Decimal
    rank: int


def rank(totals: Iterable[tuple[int, Decimal]]) -> list[Ranked]:
    """Standard competition ranking (1, 1, 3): equal totals share a rank, the next rank skips; order within a
    tie by unit id so the list is stable."""
    ordered = sorted(totals, key=lambda t: (-t[1], t[0]))
    out: list[Ranked] = []
    for i, (unit_id, total) in enumerate(ordered):
        r = out[-1].rank if out and out[-1].total == total else i + 1
        out.append(Ranked(unit_id, total, r))
    return out
