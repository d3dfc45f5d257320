"""Statutory rules of 行政应诉: the answer deadline (via fazhi.law) and allowed transitions."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.law.deadlines import Deadline, compute

from .choices import HEAD_APPEARANCES, LOSS_RESULTS, Status

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "answer": (frozenset({Status.PENDING}), "提交答辩"),
    "hearing": (frozenset({Status.PENDING}), "登记开庭"),
    "judge": (frozenset({Status.PENDING}), "登记裁判结果"),
    "appeal": (frozenset({Status.JUDGED}), "登记上诉"),
    "close": (frozenset({Status.JUDGED}), "结案"),
}


def check_transition(case, action: str) -> None:
    states, label = TRANSITIONS[action]
    if case.status not in states:
        allowed = "、".join(Status(s).label for s in sorted(states))
        raise ValidationError(
            f"案件 {case.case_number} 当前状态为「{case.get_status_display()}」，不能「{label}」：只有「{allowed}」状态的案件可以{label}。"
        )


def allowed_actions(case) -> list[str]:
    return [a for a, (states, _) in TRANSITIONS.items() if case.status in states]


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
