"""Statutory rules of 信访 (信访工作条例 2022): the clocks (via fazhi.law), the allowed transitions, 诉访分离 and the
one validation of a petition record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Pause, compute

from .choices import LINKABLE, VISITS, Answer, EventKind, Opinion, Route, Status

if TYPE_CHECKING:
    from .models import LeaderReception, Petition

MAX_REPRESENTATIVES = 5  # 第二十条第三款 "代表人数不得超过5人"

WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="信访事项",
    transitions_list=[
        T("accept", {Status.REGISTERED}, Status.HANDLING, "受理并书面告知", "信访工作条例第二十三条"),
        T(
            "route",
            {Status.REGISTERED},
            Status.ROUTED,
            "诉访分离、导入法定途径",
            "信访工作条例第二十八条、第三十一条",
        ),
        T(
            "extend",
            {Status.HANDLING},
            None,
            "延长办理期限",
            "信访工作条例第三十四条",
            when=lambda p: not p.extension_days,
            refusal="办理期限已延长过，延长期限不得超过30日（信访工作条例第三十四条）。",
        ),
        T(
            "answer",
            {Status.HANDLING},
            Status.ANSWERED,
            "出具信访处理意见书",
            "信访工作条例第三十二条、第三十四条",
        ),
        T(
            "link",
            {Status.ROUTED},
            None,
            "关联复议、诉讼案件",
            "信访工作条例第二十八条第二款、第三十一条",
            when=lambda p: p.route in LINKABLE and not (p.reconsideration_case_id or p.litigation_case_id),
            refusal="只有导入行政复议或诉讼程序且尚未关联案件的信访事项才能关联案件。",
        ),
        T("request_review", {Status.ANSWERED}, Status.REVIEWING, "登记复查请求", "信访工作条例第三十五条"),
        T("review", {Status.REVIEWING}, Status.REVIEWED, "出具复查意见", "信访工作条例第三十五条"),
        T("request_recheck", {Status.REVIEWED}, Status.RECHECKING, "登记复核请求", "信访工作条例第三十六条"),
        T("recheck", {Status.RECHECKING}, Status.CLOSED, "出具复核意见", "信访工作条例第三十六条"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check

# The clock that runs in each state: (rule, the record's due field).
CLOCKS = {
    Status.REGISTERED: ("petitions.notice", "notice_due"),
    Status.HANDLING: ("petitions.handling", "handling_due"),
    Status.REVIEWING: ("petitions.review", "review_due"),
    Status.RECHECKING: ("petitions.recheck", "recheck_due"),
}


def _due(name: str, start: date | None, **kwargs: Any) -> date | None:
    return compute(name, start, **kwargs).due if start else None


def derive(p: Petition) -> None:
    """Set the clocks and the on-time flags from the record's dates (services, importer and demo alike)."""
    p.notice_due = _due("petitions.notice", p.received_on)
    p.handling_due = _due("petitions.handling", p.accepted_on, extension_days=p.extension_days or 0)
    p.review_due = _due("petitions.review", p.review_requested_on)
    pauses = [Pause(p.hearing_start, p.hearing_end, "听证")] if p.hearing_start else []
    p.recheck_due = _due("petitions.recheck", p.recheck_requested_on, pauses=pauses)
    p.disposed_on = p.accepted_on or (p.disposed_on if p.route else None)
    p.disposed_on_time = bool(p.disposed_on and p.notice_due and p.disposed_on <= p.notice_due)
    p.answered_on_time = bool(p.answered_on and p.handling_due and p.answered_on <= p.handling_due)
    clock = CLOCKS.get(Status(p.status))
    p.due_on = getattr(p, clock[1]) if clock else None


def review_request_due(p: Petition) -> date | None:
    """第三十五条: 复查 is requested within 30日 of receiving the written answer."""
    return _due("petitions.review_request", p.answered_on)


def recheck_request_due(p: Petition) -> date | None:
    """第三十六条第一款: 复核 is requested within 30日 of receiving the 复查 answer."""
    return _due("petitions.recheck_request", p.reviewed_on)


def _label(field: str) -> str:
    from .models import Petition

    return str(Petition._meta.get_field(field).verbose_name)  # type: ignore[union-attr]  # concrete fields only


def validate(p: Petition) -> dict[str, str]:
    """Every rule a petition record obeys, whoever writes it. Returns {field: first message}."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    for field, message in validate_link(p).items():
        err(field, message)

    def not_before(field: str, earlier_field: str) -> None:
        value, earlier = getattr(p, field), getattr(p, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    if p.channel in VISITS and p.people > 1:
        if p.representatives > MAX_REPRESENTATIVES:
            err(
                "representatives",
                f"多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人"
                f"（信访工作条例第二十条第三款），本次填写{p.representatives}人",
            )
        elif p.representatives < 1:
            err("representatives", "多人走访的，请填写推选的代表人数（1至5人，信访工作条例第二十条第三款）")
    if p.representatives > p.people:
        err("representatives", "代表人数不能多于来访人数")
    if p.route:
        if not (p.route_reason or "").strip():
            err(
                "route_reason",
                "导入法定途径的，请写明理由（诉访分离，信访工作条例第二十八条第二款、第三十一条）",
            )
        if p.accepted_on:
            err("route", "已受理办理的信访事项不能再导入其他途径")
        if p.disposed_on:
            not_before("disposed_on", "received_on")
    not_before("accepted_on", "received_on")
    if p.extension_days:
        if p.extension_days > 30:
            err("extension_days", "延长期限不得超过30日（信访工作条例第三十四条）")
        if not (p.extension_reason or "").strip():
            err(
                "extension_reason", "延长办理期限的，请填写延期理由（须经本机关、单位负责人批准并告知信访人）"
            )
    if p.answered_on or p.answer:
        if not p.accepted_on:
            err("answered_on", "尚未受理的信访事项不能答复")
        if not p.answer:
            err("answer", "请填写处理意见（信访工作条例第三十二条）")
        if not p.answered_on:
            err("answered_on", "请填写书面答复日期")
        not_before("answered_on", "accepted_on")
    if p.review_requested_on:
        if not p.answered_on:
            err("review_requested_on", "尚未书面答复的信访事项不能请求复查")
        due = review_request_due(p)
        if due and p.review_requested_on > due:
            err(
                "review_requested_on",
                f"请求复查应当自收到书面答复之日起30日内提出（信访工作条例第三十五条），期限已于{due:%Y年%m月%d日}届满",
            )
        not_before("review_requested_on", "answered_on")
    if p.reviewed_on or p.review_opinion:
        if not (p.reviewed_on and p.review_opinion):
            err("review_opinion", "请同时填写复查意见和复查意见日期")
        not_before("reviewed_on", "review_requested_on")
    if p.recheck_requested_on:
        if not p.reviewed_on:
            err("recheck_requested_on", "尚未复查的信访事项不能请求复核")
        due = recheck_request_due(p)
        if due and p.recheck_requested_on > due:
            err(
                "recheck_requested_on",
                f"请求复核应当自收到复查书面答复之日起30日内提出（信访工作条例第三十六条），期限已于{due:%Y年%m月%d日}届满",
            )
        not_before("recheck_requested_on", "reviewed_on")
    if p.hearing_start or p.hearing_end:
        if not (p.hearing_start and p.hearing_end):
            err("hearing_end", "请同时填写听证开始和结束日期")
        not_before("hearing_start", "recheck_requested_on")
        not_before("hearing_end", "hearing_start")
    if p.rechecked_on or p.recheck_opinion:
        if not (p.rechecked_on and p.recheck_opinion):
            err("recheck_opinion", "请同时填写复核意见和复核意见日期")
        not_before("rechecked_on", "recheck_requested_on")
    return errors


def status_of(p: Petition) -> str:
    """The state a petition's dates put it in (an imported row)."""
    if p.rechecked_on:
        return Status.CLOSED
    if p.recheck_requested_on:
        return Status.RECHECKING
    if p.reviewed_on:
        return Status.REVIEWED
    if p.review_requested_on:
        return Status.REVIEWING
    if p.answered_on:
        return Status.ANSWERED
    if p.accepted_on:
        return Status.HANDLING
    if p.route:
        return Status.ROUTED
    return Status.REGISTERED


def repeat_note(earlier: Petition | None) -> str:
    """The intake's warning on a repeat of a matter (重复信访); after 复核 the same claim is not accepted again."""
    if earlier is None:
        return ""
    if earlier.status == Status.CLOSED:
        return (
            f"重复信访：同一信访人就同一事项已有{earlier.number}，已复核终结；仍以同一事实和理由提出投诉请求的，"
            "不再受理（信访工作条例第三十六条第三款）"
        )
    return f"重复信访：同一信访人就同一事项已有{earlier.number}（{earlier.get_status_display()}）"


def event(p: Petition, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    note = str(facts.get("note") or "")
    if action == "register":
        kind = EventKind.REGISTERED
        note = f"{p.get_channel_display()}，{p.get_category_display()}" + (f"；{note}" if note else "")
    elif action == "accept":
        due = p.notice_due
        kind, note = EventKind.ACCEPTED, (f"逾期告知（期限 {due:%Y-%m-%d}）" if due and on > due else "")
    elif action == "route":
        kind, note = EventKind.ROUTED, f"{Route(p.route).label}：{p.route_reason}"
    elif action == "link":
        kind, note = EventKind.LINKED, note
    elif action == "extend":
        kind, note = EventKind.EXTENDED, f"延长{p.extension_days}日：{p.extension_reason}"
    elif action == "answer":
        due = p.handling_due
        kind = EventKind.ANSWERED
        note = Answer(p.answer).label + (f"（逾期，期限 {due:%Y-%m-%d}）" if due and on > due else "")
    elif action == "request_review":
        kind = EventKind.REVIEW_REQUESTED
    elif action == "review":
        kind, note = EventKind.REVIEWED, Opinion(p.review_opinion).label
    elif action == "request_recheck":
        kind = EventKind.RECHECK_REQUESTED
    elif action == "recheck":
        kind, note = EventKind.RECHECKED, Opinion(p.recheck_opinion).label
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(p: Petition, *, note: str = "") -> list[tuple[str, date, str]]:
    out = [event(p, "register", p.received_on, note=note)]
    steps = [
        ("route", p.disposed_on if p.route else None),
        ("accept", p.accepted_on),
        ("answer", p.answered_on),
        ("request_review", p.review_requested_on),
        ("review", p.reviewed_on),
        ("request_recheck", p.recheck_requested_on),
        ("recheck", p.rechecked_on),
    ]
    out += [event(p, action, on) for action, on in steps if on]
    return out


def validate_link(p: Petition) -> dict[str, str]:
    """A routed petition names a case of the channel it was routed to: a 复议 case for 行政复议, a litigation
    case for 诉讼 (第三十一条第一项、第四项), received on or after the petition."""
    errors: dict[str, str] = {}
    rc, lc = p.reconsideration_case, p.litigation_case
    if rc is not None and p.route != Route.RECONSIDERATION:
        errors["case_number"] = "只有导入行政复议的信访事项才能关联行政复议案件"
    if lc is not None and p.route != Route.LITIGATION:
        errors["case_number"] = "只有导入诉讼程序的信访事项才能关联诉讼案件"
    return errors


def validate_reception(r: LeaderReception, petitions: Iterable[Petition]) -> dict[str, str]:
    """A 领导接访 names its leader, place and matters; the petitions linked to it are of its jurisdiction and had
    come in by the day of the reception."""
    errors: dict[str, str] = {}
    for field, label in (
        ("leader", "接访领导"),
        ("leader_title", "职务"),
        ("place", "接访地点"),
        ("matters", "接访事项"),
    ):
        if not getattr(r, field):
            errors[field] = f"请填写{label}"
    for p in petitions:
        if not p.org.path.startswith(r.org.path):
            errors["petitions"] = f"信访事项{p.number}不属于{r.org.name}"
            break
        if p.received_on > r.held_on:
            errors["petitions"] = f"信访事项{p.number}的收到日期（{p.received_on:%Y-%m-%d}）晚于接访日期"
            break
    return errors
