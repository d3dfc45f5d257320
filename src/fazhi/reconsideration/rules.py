"""Statutory rules of 行政复议 casework: the workflow, the one validation of a case record and its timeline,
and the case's deadlines (via fazhi.law)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, Pause, compute

from .choices import DEFAULT_CORRECTION_DECISIONS, Decision, Procedure, Status, TerminationReason


def _simplified(case) -> bool:
    return case.procedure == Procedure.SIMPLIFIED


_OPEN = {Status.HEARING, Status.SUSPENDED}
WORKFLOW = Workflow(
    status=Status,
    transitions_list=[
        T("request_correction", {Status.RECEIVED}, Status.CORRECTION, "通知补正", "复议法第三十一条"),
        T("receive_correction", {Status.CORRECTION}, Status.RECEIVED, "收到补正材料", "复议法第三十一条"),
        T("abandon", {Status.CORRECTION}, Status.ABANDONED, "视为放弃", "复议法第三十一条"),
        T("accept", {Status.RECEIVED}, Status.HEARING, "受理", "复议法第三十条"),
        T("reject", {Status.RECEIVED}, Status.REJECTED, "不予受理", "复议法第三十条第二款"),
        T("serve_copy", _OPEN, None, "登记副本送达", "复议法第四十八条"),
        T("reply", _OPEN, None, "登记答复", "复议法第四十八条"),
        T("hear", {Status.HEARING}, None, "登记听取意见/听证", "复议法第四十九条、第五十条"),
        T(
            "convert_to_ordinary",
            {Status.HEARING},
            None,
            "转为普通程序",
            "复议法第五十五条",
            when=_simplified,
            refusal="只有适用简易程序的案件可以转为普通程序（复议法第五十五条）。",
        ),
        T("suspend", {Status.HEARING}, Status.SUSPENDED, "中止", "复议法第三十九条"),
        T("resume", {Status.SUSPENDED}, Status.HEARING, "恢复审理", "复议法第三十九条"),
        T(
            "extend",
            _OPEN,
            None,
            "延期",
            "复议法第六十二条第一款",
            when=lambda case: not _simplified(case),
            refusal="适用简易程序的案件应当自受理之日起三十日内作出决定，不能延期（复议法第六十二条第二款）。",
        ),
        T("decide", _OPEN, Status.DECIDED, "作出决定", "复议法第六十三条至第七十四条"),
        T("close", {Status.DECIDED}, Status.CLOSED, "结案", "复议法第七十五条"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check

# 复议法 第六十二条第一款: "延长期限最多不得超过三十日".
MAX_EXTENSION_DAYS = 30


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
