"""Statutory rules of 行政复议 casework: allowed transitions and the case's deadlines (via fazhi.law)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from fazhi.law.deadlines import Deadline, Pause, compute

from .choices import DEFAULT_CORRECTION_DECISIONS, Decision, Procedure, Status, TerminationReason

# action -> (states it may start from, human label). Anything else is refused with a reason.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "request_correction": (frozenset({Status.RECEIVED}), "通知补正"),
    "receive_correction": (frozenset({Status.CORRECTION}), "收到补正材料"),
    "abandon": (frozenset({Status.CORRECTION}), "视为放弃"),
    "accept": (frozenset({Status.RECEIVED}), "受理"),
    "reject": (frozenset({Status.RECEIVED}), "不予受理"),
    "serve_copy": (frozenset({Status.HEARING, Status.SUSPENDED}), "登记副本送达"),
    "reply": (frozenset({Status.HEARING, Status.SUSPENDED}), "登记答复"),
    "hear": (frozenset({Status.HEARING}), "登记听取意见/听证"),
    "convert_to_ordinary": (frozenset({Status.HEARING}), "转为普通程序"),
    "suspend": (frozenset({Status.HEARING}), "中止"),
    "resume": (frozenset({Status.SUSPENDED}), "恢复审理"),
    "extend": (frozenset({Status.HEARING, Status.SUSPENDED}), "延期"),
    "decide": (frozenset({Status.HEARING, Status.SUSPENDED}), "作出决定"),
    "close": (frozenset({Status.DECIDED}), "结案"),
}

# 复议法 第六十二条第一款: "延长期限最多不得超过三十日".
MAX_EXTENSION_DAYS = 30


def allowed_actions(case) -> list[str]:
    actions = [a for a, (states, _) in TRANSITIONS.items() if case.status in states]
    if case.procedure != Procedure.SIMPLIFIED and "convert_to_ordinary" in actions:
        actions.remove("convert_to_ordinary")
    if case.procedure == Procedure.SIMPLIFIED and "extend" in actions:
        actions.remove("extend")
    return actions


def check_transition(case, action: str) -> None:
    states, label = TRANSITIONS[action]
    if case.status not in states:
        allowed = "、".join(Status(s).label for s in sorted(states))
        raise ValidationError(
            f"案件 {case.number} 当前状态为「{case.get_status_display()}」，不能「{label}」：只有「{allowed}」状态的案件可以{label}。"
        )
    if action == "convert_to_ordinary" and case.procedure != Procedure.SIMPLIFIED:
        raise ValidationError("只有适用简易程序的案件可以转为普通程序（复议法第五十五条）。")
    if action == "extend" and case.procedure == Procedure.SIMPLIFIED:
        raise ValidationError("适用简易程序的案件应当自受理之日起三十日内作出决定，不能延期（复议法第六十二条第二款）。")


def check_decision(case, decision: str, termination_reason: str) -> None:
    if case.status == Status.SUSPENDED and decision != Decision.TERMINATE:
        raise ValidationError("案件处于中止状态，应先恢复审理再作出决定；中止状态下只能决定终止（复议法第四十一条）。")
    if decision == Decision.TERMINATE and not termination_reason:
        raise ValidationError({"termination_reason": "决定终止的，应当写明终止原因（复议法第四十一条）。"})
    if decision != Decision.TERMINATE and termination_reason:
        raise ValidationError({"termination_reason": "只有终止决定需要写明终止原因。"})


def correction_decisions() -> frozenset[str]:
    return frozenset(getattr(settings, "FAZHI_CORRECTION_DECISIONS", DEFAULT_CORRECTION_DECISIONS))


def is_corrected(decision: str) -> bool:
    return decision in correction_decisions()


def is_mediated(decision: str, termination_reason: str) -> bool:
    """调解 (第七十三条 调解书) or 和解 then withdrawal (第七十四条)."""
    return decision == Decision.MEDIATION or (
        decision == Decision.TERMINATE and termination_reason == TerminationReason.SETTLED_WITHDRAWN
    )


def _pauses(case, suspensions) -> list[Pause]:
    return [Pause(s.started_on, s.resumed_on, s.reason) for s in suspensions]


def deadlines(case, suspensions=None) -> dict[str, Deadline]:
    """Every deadline of the case that its dates determine, each explaining itself."""
    out: dict[str, Deadline] = {}
    if case.correction_notice_on and not case.correction_received_on:
        # 第三十一条: 申请人应当自收到补正通知之日起十日内提交补正材料.
        out["correction"] = compute("reconsideration.correction_submission", case.correction_notice_on)
    if not case.accepted_on and not case.rejected_on:
        # 第三十条: 收到申请后五日内审查; after 补正 the review runs from receipt of the materials (第三十一条).
        if not (case.correction_notice_on and not case.correction_received_on):
            facts = {"corrected_on": case.correction_received_on} if case.correction_received_on else {}
            out["acceptance"] = compute("reconsideration.acceptance_review", case.received_on, **facts)
    if case.copy_received_on and not case.replied_on:
        rule = "reconsideration.reply_simplified" if case.procedure == Procedure.SIMPLIFIED else "reconsideration.reply"
        out["reply"] = compute(rule, case.copy_received_on)
    if case.accepted_on and not case.decided_on:
        if suspensions is None:
            suspensions = list(case.suspensions.all())
        if case.procedure == Procedure.SIMPLIFIED:
            out["decision"] = compute(
                "reconsideration.decision_simplified", case.accepted_on, pauses=_pauses(case, suspensions)
            )
        else:
            out["decision"] = compute(
                "reconsideration.decision_ordinary",
                case.accepted_on,
                pauses=_pauses(case, suspensions),
                extension_days=case.extension_days,
            )
    return out


def next_due(case, computed: dict[str, Deadline]):
    """The due date that matters for the case's current state (None when no clock runs)."""
    if case.status == Status.RECEIVED:
        d = computed.get("acceptance")
        return d.due if d else None
    if case.status == Status.CORRECTION:
        d = computed.get("correction")
        return d.due if d else None
    if case.status == Status.HEARING:
        dates = [d.due for k, d in computed.items() if k in ("reply", "decision") and d.due]
        return min(dates) if dates else None
    return None
