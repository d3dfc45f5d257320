"""Statutory rules of 行政应诉: the answer deadline (via fazhi.law) and allowed transitions."""

from __future__ import annotations

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, compute

from .choices import HEAD_APPEARANCES, LOSS_RESULTS, Status

WORKFLOW = Workflow(
    status=Status,
    number_field="case_number",
    transitions_list=[
        T("answer", {Status.PENDING}, None, "提交答辩", "行政诉讼法第六十七条"),
        T("hearing", {Status.PENDING}, None, "登记开庭", "行政诉讼法第三条第三款"),
        T("judge", {Status.PENDING}, Status.JUDGED, "登记裁判结果", "行政诉讼法第六十九条至第七十八条"),
        T("appeal", {Status.JUDGED}, None, "登记上诉", "行政诉讼法第八十五条"),
        T("close", {Status.JUDGED}, Status.CLOSED, "结案", ""),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


def answer_deadline(case) -> Deadline | None:
    """行政诉讼法 第六十七条: 被告应当在收到起诉状副本之日起十五日内提交证据并提出答辩状."""
    if case.answered_on:
        return None
    return compute("litigation.answer", case.complaint_received_on)


def is_loss(result: str) -> bool:
    return result in LOSS_RESULTS


def is_head_appearance(appearance: str) -> bool:
    """法释〔2020〕3号 第二条: 正职、副职 and 分管 leaders count as 负责人; 第七条: one hearing per instance suffices."""
    return appearance in HEAD_APPEARANCES
