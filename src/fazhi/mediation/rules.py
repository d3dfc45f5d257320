"""Statutory rules of 矛盾纠纷调处: the 司法确认 period (人民调解法 第三十三条, via fazhi.law), the local 调结 time
limit (a per-jurisdiction setting), the allowed transitions and the one validation of a dispute record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from fazhi.core.jsettings import get_setting
from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, compute

from .choices import SUCCESS, Confirmation, EventKind, Outcome, Performance, Status

if TYPE_CHECKING:
    from .models import Dispute

HANDLING_SETTING = "mediation.handling_days"

WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="纠纷",
    transitions_list=[
        T("session", {Status.MEDIATING}, None, "登记调解", "人民调解法第二十二条"),
        T("conclude", {Status.MEDIATING}, None, "调解终结", "人民调解法第二十六条、第二十八条"),
        T(
            "apply",
            {Status.RESOLVED},
            None,
            "申请司法确认",
            "人民调解法第三十三条",
            when=lambda d: not d.confirmation_applied_on,
            refusal="该纠纷已登记申请司法确认。",
        ),
        T(
            "confirm",
            {Status.RESOLVED},
            None,
            "登记司法确认结果",
            "民事诉讼法第二百零六条",
            when=lambda d: bool(d.confirmation_applied_on) and not d.confirmation,
            refusal="尚未申请司法确认，或已登记司法确认结果。",
        ),
        T("follow_up", {Status.RESOLVED}, None, "回访履行情况", "人民调解法第三十一条第二款"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


def is_success(outcome: str) -> bool:
    return outcome in SUCCESS


def handling_days(dispute: Dispute) -> int:
    """The local 调结 time limit in days (《人民调解工作若干规定》第三十三条: "一般在一个月内调结")."""
    days: int = get_setting(dispute.org, HANDLING_SETTING)
    return days


def handling_due(dispute: Dispute) -> date:
    return dispute.received_on + timedelta(days=handling_days(dispute))


def confirmation_deadline(dispute: Dispute) -> Deadline | None:
    """人民调解法 第三十三条: 双方当事人 may apply jointly within 30日 of the agreement taking effect."""
    if not is_success(dispute.outcome or "") or not dispute.agreement_effective_on:
        return None
    return compute("mediation.judicial_confirmation", dispute.agreement_effective_on)


def _label(field: str) -> str:
    from .models import Dispute

    return str(Dispute._meta.get_field(field).verbose_name)  # type: ignore[union-attr]  # concrete fields only


def validate(d: Dispute) -> dict[str, str]:
    """Every rule a dispute record obeys, whoever writes it (services, importer, demo). Pure but for the
    司法确认 due date, which the caller has put on the record. Returns {field: first message}."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(d, field), getattr(d, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    outcome = d.outcome or ""
    not_before("concluded_on", "received_on")
    if outcome and not d.concluded_on:
        err("concluded_on", "填写了调解结果，请填写调解终结日期")
    if d.concluded_on and not outcome:
        err("outcome", "填写了调解终结日期，请填写调解结果")
    if outcome == Outcome.FAILED:
        if not d.routes_told:
            err(
                "routes_told",
                "调解不成的，应当终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"
                "（人民调解法第二十六条）",
            )
        for field in ("agreement_effective_on", "confirmation_applied_on", "confirmation", "performance"):
            if getattr(d, field):
                err(field, f"调解不成的纠纷不能填写{_label(field)}")
    if is_success(outcome):
        if not (d.agreement or "").strip():
            err("agreement", "达成调解协议的，请填写协议内容（人民调解法第二十八条）")
        if not d.agreement_effective_on:
            err("agreement_effective_on", "达成调解协议的，请填写协议生效日期")
        elif outcome == Outcome.ORAL and d.concluded_on and d.agreement_effective_on != d.concluded_on:
            err(
                "agreement_effective_on",
                "口头调解协议自各方当事人达成协议之日起生效（人民调解法第三十条），生效日期应为调解终结日期",
            )
        not_before("agreement_effective_on", "concluded_on")
    applied = d.confirmation_applied_on
    if applied:
        not_before("confirmation_applied_on", "agreement_effective_on")
        if d.confirmation_due and applied > d.confirmation_due:
            err(
                "confirmation_applied_on",
                f"申请司法确认应当自调解协议生效之日起三十日内提出（人民调解法第三十三条），"
                f"期限已于{d.confirmation_due:%Y年%m月%d日}届满，申请日期为{applied:%Y年%m月%d日}",
            )
        if not (d.confirmation_court or "").strip():
            err("confirmation_court", "请填写受理司法确认申请的人民法院")
    if d.confirmation or d.confirmed_on:
        if not applied:
            err("confirmation", "尚未申请司法确认，不能登记司法确认结果")
        if not d.confirmation:
            err("confirmation", "填写了裁定日期，请填写司法确认结果")
        if not d.confirmed_on:
            err("confirmed_on", "填写了司法确认结果，请填写裁定日期")
        not_before("confirmed_on", "confirmation_applied_on")
    if d.followed_up_on:
        not_before("followed_up_on", "concluded_on")
        if not d.performance:
            err("performance", "回访时请填写履行情况")
        if not is_success(outcome):
            err("followed_up_on", "只有达成调解协议的纠纷才回访履行情况")
    return errors


def status_of(d: Dispute) -> str:
    if not d.outcome:
        return Status.MEDIATING
    return Status.RESOLVED if is_success(d.outcome) else Status.FAILED


def event(d: Dispute, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    note = str(facts.get("note") or "")
    if action == "register":
        kind, note = EventKind.REGISTERED, f"{d.get_source_display()}，{d.committee}"
    elif action == "session":
        kind = EventKind.SESSION
    elif action == "conclude":
        kind, note = EventKind.CONCLUDED, Outcome(d.outcome).label + (f"：{note}" if note else "")
    elif action == "apply":
        due = d.confirmation_due
        kind, note = EventKind.APPLIED, d.confirmation_court + (f"（期限 {due:%Y-%m-%d}）" if due else "")
    elif action == "confirm":
        kind, note = EventKind.CONFIRMED, Confirmation(d.confirmation).label
    elif action == "follow_up":
        kind, note = EventKind.FOLLOW_UP, Performance(d.performance).label + (f"：{note}" if note else "")
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(d: Dispute, *, note: str = "") -> list[tuple[str, date, str]]:
    """The entries the actions would have left for a dispute known only by its final record (an imported row)."""
    out = [event(d, "register", d.received_on)]
    if d.concluded_on:
        out.append(event(d, "conclude", d.concluded_on, note=note))
    if d.confirmation_applied_on:
        out.append(event(d, "apply", d.confirmation_applied_on))
    if d.confirmed_on and d.confirmation:
        out.append(event(d, "confirm", d.confirmed_on))
    if d.followed_up_on and d.performance:
        out.append(event(d, "follow_up", d.followed_up_on))
    return out
