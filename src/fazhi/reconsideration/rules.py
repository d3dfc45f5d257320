"""Statutory rules of 行政复议 casework: the workflow, the one validation of a case record and its timeline,
and the case's deadlines (via fazhi.law)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, Pause, compute

from .choices import (
    DEFAULT_CORRECTION_DECISIONS,
    Decision,
    EventKind,
    HearingKind,
    Procedure,
    Status,
    TerminationReason,
)

if TYPE_CHECKING:
    from .models import ReconsiderationCase, Suspension


def _simplified(case: ReconsiderationCase) -> bool:
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


def _reason_errors(decision: str, termination_reason: str) -> dict[str, str]:
    if decision == Decision.TERMINATE and not termination_reason:
        return {"termination_reason": "决定终止的，应当写明终止原因（复议法第四十一条）。"}
    if decision != Decision.TERMINATE and termination_reason:
        return {"termination_reason": "只有终止决定需要写明终止原因。"}
    return {}


def check_decision(case: ReconsiderationCase, decision: str, termination_reason: str) -> None:
    if case.status == Status.SUSPENDED and decision != Decision.TERMINATE:
        raise ValidationError(
            "案件处于中止状态，应先恢复审理再作出决定；中止状态下只能决定终止（复议法第四十一条）。"
        )
    if errors := _reason_errors(decision, termination_reason):
        raise ValidationError(errors)


# -- the one validation of a case record -----------------------------------------------------------------


def _label(field: str) -> str:
    from .models import ReconsiderationCase

    return str(ReconsiderationCase._meta.get_field(field).verbose_name)  # type: ignore[union-attr]  # concrete fields only


def validate(case: ReconsiderationCase) -> dict[str, str]:
    """Every rule a case record obeys, whoever writes it: the services after each action, the importer for each
    row (a case in its final state), the demo generator. Pure: reads the record's fields (and its derived
    `correction_due`, so call it after the deadlines are recomputed); returns {field: first message}."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(case, field), getattr(case, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    org, respondent = getattr(case, "org", None), getattr(case, "respondent", None)
    if org is not None and not org.is_jurisdiction:
        err("org", f"复议机关应为一级人民政府（行政区划），「{org.name}」是单位")
    if org is not None and respondent is not None and org.pk == respondent.pk:
        err("respondent", "被申请人不能是复议机关本身")

    notice, corrected = case.correction_notice_on, case.correction_received_on
    accepted, rejected, closed = case.accepted_on, case.rejected_on, case.closed_on
    decision, decided = case.decision or "", case.decided_on
    not_before("correction_notice_on", "received_on")
    if corrected and not notice:
        err("correction_received_on", "未填写补正通知送达日期，不能有收到补正材料日期")
    not_before("correction_received_on", "correction_notice_on")
    if accepted and rejected:
        err("rejected_on", "同一案件不能既受理又不予受理")
    if (accepted or rejected) and notice and not corrected:
        label = "受理" if accepted else "不予受理"
        err("correction_received_on", f"通知补正后未收到补正材料的申请不能{label}，请填写收到补正材料日期")
    review_from = "correction_received_on" if corrected else "received_on"
    not_before("accepted_on", review_from)
    not_before("rejected_on", review_from)
    for field in ("copy_received_on", "replied_on"):
        if getattr(case, field) and not accepted:
            err(field, "未受理的案件不能有此日期，请填写受理日期")
    not_before("copy_received_on", "accepted_on")
    not_before("replied_on", "copy_received_on" if case.copy_received_on else "accepted_on")
    if case.extension_days:
        if not accepted:
            err("extension_days", "未受理的案件不能延期")
        if case.procedure == Procedure.SIMPLIFIED:
            err("extension_days", "适用简易程序的案件不能延期（复议法第六十二条第二款）")
        if case.extension_days > MAX_EXTENSION_DAYS:
            err("extension_days", "延长期限最多不得超过三十日（复议法第六十二条）")
        if not case.extension_approver:
            err("extension_approver", "延期须经行政复议机构负责人批准，请填写批准人")
        not_before("extension_approved_on", "accepted_on")
    elif case.extension_approved_on or case.extension_approver:
        err("extension_days", "填写了延期批准信息，延长天数应大于0")
    if decision or decided:
        if not decision:
            err("decision", "填写了决定日期，请填写复议决定")
        if not decided:
            err("decided_on", "填写了复议决定，请填写决定日期")
        if not accepted:
            err("accepted_on", "作出复议决定的案件应当已受理，请填写受理日期")
        not_before("decided_on", "accepted_on")
    for field, message in _reason_errors(decision, case.termination_reason or "").items():
        err(field, message)
    if case.decision_note and not decision:
        err("decision_note", "未作出复议决定的案件不应填写决定要旨")
    # The final state and the closing date (the services' transitions, read backwards).
    if rejected:
        if closed and closed != rejected:
            err(
                "closed_on",
                f"不予受理的案件以不予受理日期（{rejected:%Y-%m-%d}）为结案日期，结案日期应相同或留空",
            )
    elif decision:
        not_before("closed_on", "decided_on")
    elif accepted:
        if closed:
            err("closed_on", "已受理的案件应先作出复议决定才能结案，请填写复议决定和决定日期")
    elif notice and not corrected:
        # 第三十一条: only after the 补正 period may the application be deemed abandoned.
        due = getattr(case, "correction_due", None)
        if closed and due and closed <= due:
            err("closed_on", f"补正期限 {due:%Y-%m-%d} 尚未届满，不能视为放弃")
    elif closed:
        err("closed_on", "未受理、未不予受理的案件不能结案")
    return errors


def status_of(case: ReconsiderationCase) -> str:
    """The state a case's dates put it in (an imported case, whose actions are not replayed)."""
    if case.rejected_on:
        return Status.REJECTED
    if case.decision:
        return Status.CLOSED if case.closed_on else Status.DECIDED
    if case.accepted_on:
        return Status.HEARING
    if case.correction_notice_on and not case.correction_received_on:
        return Status.ABANDONED if case.closed_on else Status.CORRECTION
    return Status.RECEIVED


# -- the timeline ---------------------------------------------------------------------------------------


def event(case: ReconsiderationCase, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry an action leaves (kind, date, note), `case` as the action left it. `facts` are the
    action's inputs that the record does not keep (items, reason, hearing kind and note, approver, days, the
    reply period as it stood before the reply)."""
    note = ""
    if action == "register":
        kind = EventKind.RECEIVED
    elif action == "request_correction":
        kind, note = EventKind.CORRECTION_REQUESTED, facts.get("items", "").strip()
    elif action == "receive_correction":
        kind = EventKind.CORRECTION_RECEIVED
    elif action == "abandon":
        kind = EventKind.ABANDONED
    elif action == "accept":
        kind, note = EventKind.ACCEPTED, Procedure(case.procedure).label
    elif action == "reject":
        kind, note = EventKind.REJECTED, facts.get("reason", "").strip()
    elif action == "serve_copy":
        kind = EventKind.COPY_SERVED
    elif action == "reply":
        due = facts.get("due")
        kind, note = EventKind.REPLIED, (f"逾期答复（期限 {due:%Y-%m-%d}）" if due and on > due else "")
    elif action == "hear":
        kind, note = EventKind.HEARD, f"{HearingKind(facts['kind']).label} {facts.get('note', '')}".strip()
    elif action == "convert_to_ordinary":
        kind, note = EventKind.PROCEDURE_CHANGED, f"批准人：{facts['approver'].strip()}"
    elif action == "suspend":
        kind, note = EventKind.SUSPENDED, facts["reason"].strip()
    elif action == "resume":
        kind = EventKind.RESUMED
    elif action == "extend":
        kind, note = EventKind.EXTENDED, f"延长 {facts['days']} 日，批准人：{facts['approver'].strip()}"
    elif action == "decide":
        kind, note = EventKind.DECIDED, Decision(case.decision).label
    elif action == "close":
        kind = EventKind.CLOSED
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(case: ReconsiderationCase, *, note: str = "") -> list[tuple[str, date, str]]:
    """The entries the actions would have left for a case known only by its final record (an imported row):
    `event` for every step its dates show, `note` where the step's own text is not kept on the record."""
    steps: list[tuple[str, date | None, dict[str, Any]]] = [
        ("register", case.received_on, {}),
        ("request_correction", case.correction_notice_on, {"items": note}),
        ("receive_correction", case.correction_received_on, {}),
        ("accept", case.accepted_on, {}),
        ("reject", case.rejected_on, {"reason": note}),
        ("serve_copy", case.copy_received_on, {}),
        ("reply", case.replied_on, {}),
    ]
    if case.extension_days:
        steps.append(
            (
                "extend",
                case.extension_approved_on or case.accepted_on,
                {"days": case.extension_days, "approver": case.extension_approver},
            )
        )
    steps.append(("decide", case.decided_on, {}))
    if case.status == Status.ABANDONED:
        steps.append(("abandon", case.closed_on, {}))
    elif case.status == Status.CLOSED:
        steps.append(("close", case.closed_on, {}))
    out = []
    for action, on, facts in steps:
        if on is None:
            continue
        kind, on, text = event(case, action, on, **facts)
        out.append((kind, on, text or note))
    return out


def correction_decisions() -> frozenset[str]:
    return frozenset(getattr(settings, "FAZHI_CORRECTION_DECISIONS", DEFAULT_CORRECTION_DECISIONS))


def is_corrected(decision: str) -> bool:
    return decision in correction_decisions()


def is_mediated(decision: str, termination_reason: str) -> bool:
    """调解 (第七十三条 调解书) or 和解 then withdrawal (第七十四条)."""
    return decision == Decision.MEDIATION or (
        decision == Decision.TERMINATE and termination_reason == TerminationReason.SETTLED_WITHDRAWN
    )


def _pauses(case: ReconsiderationCase, suspensions: Iterable[Suspension]) -> list[Pause]:
    return [Pause(s.started_on, s.resumed_on, s.reason) for s in suspensions]


def deadlines(
    case: ReconsiderationCase, suspensions: Iterable[Suspension] | None = None
) -> dict[str, Deadline]:
    """Every deadline of the case that its dates determine, each explaining itself."""
    out: dict[str, Deadline] = {}
    if case.correction_notice_on and not case.correction_received_on:
        # 第三十一条: 申请人应当自收到补正通知之日起十日内提交补正材料.
        out["correction"] = compute("reconsideration.correction_submission", case.correction_notice_on)
    if not case.accepted_on and not case.rejected_on:
        # 第三十条: 收到申请后五日内审查; after 补正 the review runs from receipt of the materials (第三十一条).
        if not (case.correction_notice_on and not case.correction_received_on):
            facts: dict[str, Any] = (
                {"corrected_on": case.correction_received_on} if case.correction_received_on else {}
            )
            out["acceptance"] = compute("reconsideration.acceptance_review", case.received_on, **facts)
    if case.copy_received_on and not case.replied_on:
        rule = (
            "reconsideration.reply_simplified"
            if case.procedure == Procedure.SIMPLIFIED
            else "reconsideration.reply"
        )
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


def next_due(case: ReconsiderationCase, computed: dict[str, Deadline]) -> date | None:
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
