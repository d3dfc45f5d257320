"""Statutory rules of 矛盾纠纷调处: the 司法确认 period (人民调解法 第三十三条, via fazhi.law), the local 调结 time
limit (a per-jurisdiction setting), the allowed transitions and the one validation of a dispute record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from fazhi.core.jsettings import get_setting
from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, compute

from .choices import (
    COMMITTEES,
    SUCCESS,
    Confirmation,
    EventKind,
    OrgKind,
    Outcome,
    Performance,
    Source,
    Status,
)

if TYPE_CHECKING:
    from .models import Dispute, Mediator, Sweep, Training

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
    for field, message in validate_links(d).items():
        err(field, message)
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


# -- the registers ---------------------------------------------------------------------------------------


def validate_links(d: Dispute) -> dict[str, str]:
    """A dispute names the registers' records of its own jurisdiction: its organisation (existing on the day it
    was registered), a mediator of that organisation, and the 排查 it was found by (source 排查发现)."""
    errors: dict[str, str] = {}
    o, m, s = d.organization, d.mediator_record, d.sweep
    if o is not None:
        if o.org_id != d.org_id:
            errors["organization"] = f"调解组织「{o.name}」不属于{d.org.name}"
        elif not (
            o.established_on <= d.received_on and (o.dissolved_on is None or d.received_on <= o.dissolved_on)
        ):
            errors["organization"] = (
                f"调解组织「{o.name}」在登记日期（{d.received_on:%Y-%m-%d}）未设立或已撤销"
            )
    if m is not None:
        if o is None or m.organization_id != o.pk:
            errors["mediator_record"] = f"调解员{m.name}不是所选调解组织的调解员"
        elif m.left_on and m.left_on < d.received_on:
            errors["mediator_record"] = f"调解员{m.name}已于{m.left_on:%Y-%m-%d}离任"
    if s is not None:
        if d.source != Source.SWEEP:
            errors["sweep"] = "只有纠纷来源为「排查发现」的纠纷才关联排查"
        elif s.org_id != d.org_id:
            errors["sweep"] = f"该排查不属于{d.org.name}"
        elif s.held_on > d.received_on:
            errors["sweep"] = f"排查日期（{s.held_on:%Y-%m-%d}）晚于纠纷登记日期（{d.received_on:%Y-%m-%d}）"
    return errors


def validate_organization(*, kind: str, members: int | None) -> dict[str, str]:
    if members is not None and kind in COMMITTEES and not 3 <= members <= 9:
        return {
            "members": f"人民调解委员会由委员三至九人组成（人民调解法第八条第二款），所填为{members}人",
        }
    if members is not None and kind not in COMMITTEES and members < 1:
        return {"members": "委员人数至少为1人"}
    return {}


def validate_mediator(m: Mediator) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not m.name:
        errors["name"] = "请填写调解员姓名"
    o = m.organization
    if o.dissolved_on and m.appointed_on > o.dissolved_on:
        errors["appointed_on"] = f"调解组织「{o.name}」已于{o.dissolved_on:%Y-%m-%d}撤销"
    elif m.appointed_on < o.established_on:
        errors["appointed_on"] = f"选任日期早于调解组织「{o.name}」的设立日期（{o.established_on:%Y-%m-%d}）"
    if o.kind in (OrgKind.ADMINISTRATIVE, OrgKind.COURT) and m.appointment == "member":
        errors["appointment"] = "调解委员会委员只在人民调解委员会任职（人民调解法第十三条）"
    return errors


def validate_training(t: Training, attendees: Iterable[Mediator]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not t.title:
        errors["title"] = "请填写培训名称"
    if t.hours is None or t.hours <= 0:
        errors["hours"] = "学时应大于0"
    elif t.hours > 200:
        errors["hours"] = f"学时{t.hours}过大，请核对"
    for m in attendees:
        if not m.unit.path.startswith(t.org.path):
            errors["attendees"] = f"调解员{m.name}不在{t.org.name}辖区内"
            break
        if m.appointed_on > t.held_on or (m.left_on and m.left_on < t.held_on):
            errors["attendees"] = f"调解员{m.name}在培训日期（{t.held_on:%Y-%m-%d}）未在任"
            break
    return errors


def validate_sweep(s: Sweep) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not s.area:
        errors["area"] = "请填写排查区域"
    o = s.organization
    if o is not None and o.org_id != s.org_id:
        errors["organization"] = f"调解组织「{o.name}」不属于{s.org.name}"
    return errors
