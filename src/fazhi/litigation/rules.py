"""Statutory rules of 行政应诉: the answer deadline (via fazhi.law) and allowed transitions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, compute

from .choices import HEAD_APPEARANCES, LOSS_RESULTS, Appearance, EventKind, Result, Status

if TYPE_CHECKING:
    from .models import CourtHearing, LitigationCase

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


def answer_deadline(case: LitigationCase) -> Deadline | None:
    """行政诉讼法 第六十七条: 被告应当在收到起诉状副本之日起十五日内提交证据并提出答辩状."""
    if case.answered_on:
        return None
    return compute("litigation.answer", case.complaint_received_on)


def is_loss(result: str) -> bool:
    return result in LOSS_RESULTS


def is_head_appearance(appearance: str) -> bool:
    """法释〔2020〕3号 第二条: 正职、副职 and 分管 leaders count as 负责人; 第七条: one hearing per instance suffices."""
    return appearance in HEAD_APPEARANCES


# -- the one validation of a case record -----------------------------------------------------------------


def _label(field: str) -> str:
    from .models import CourtHearing, LitigationCase

    model = CourtHearing if field == "held_on" else LitigationCase
    return str(model._meta.get_field(field).verbose_name)  # type: ignore[union-attr]  # concrete fields only


def validate(case: LitigationCase, hearings: Iterable[CourtHearing] = ()) -> dict[str, str]:
    """Every rule a lawsuit record and its hearings obey, whoever writes them (services after each action, the
    importer for each row, the demo generator). Pure; returns {field: first message} (a hearing's fields keep
    the hearing's names: held_on, appearance, appearing_person)."""
    errors: dict[str, str] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, message)

    def not_before(field: str, value: date | None, earlier_field: str) -> None:
        earlier = getattr(case, earlier_field)
        if value and earlier and value < earlier:
            err(
                field,
                f"{_label(field)}（{value:%Y-%m-%d}）不能早于{_label(earlier_field)}（{earlier:%Y-%m-%d}）",
            )

    judged, result = case.judged_on, case.result or ""
    not_before("answered_on", case.answered_on, "complaint_received_on")
    for h in hearings:
        not_before("held_on", h.held_on, "complaint_received_on")
        if not h.appearance:
            err("appearance", "填写了开庭日期，请填写出庭情况")
        if h.appearance and is_head_appearance(h.appearance) and not (h.appearing_person or "").strip():
            err("appearing_person", "负责人出庭的，请填写出庭负责人姓名")
        if judged and h.held_on and h.held_on > judged:
            err("held_on", f"开庭日期（{h.held_on:%Y-%m-%d}）不能晚于裁判日期（{judged:%Y-%m-%d}）")
    if result or judged:
        if not result:
            err("result", "填写了裁判日期，请填写裁判结果")
        if not judged:
            err("judged_on", "填写了裁判结果，请填写裁判日期")
        not_before("judged_on", judged, "complaint_received_on")
    if case.appealed and not result:
        err("appealed", "尚无裁判结果的案件不能上诉")
    if case.closed_on:
        if not result:
            err("closed_on", "应先登记裁判结果才能结案，请填写裁判结果和裁判日期")
        not_before("closed_on", case.closed_on, "judged_on")
    return errors


def status_of(case: LitigationCase) -> str:
    """The state a lawsuit's dates put it in (an imported case, whose actions are not replayed)."""
    return Status.CLOSED if case.closed_on else Status.JUDGED if case.result else Status.PENDING


# -- the timeline ---------------------------------------------------------------------------------------


def event(case: LitigationCase, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry an action leaves (kind, date, note), `case` as the action left it; `facts`: the
    action's inputs the record does not keep (whether it went through 复议, the hearing)."""
    note = ""
    if action == "register":
        # Only that it went through 复议: the 复议 number stays on its own page (readers of the suit may not read it).
        kind, note = EventKind.REGISTERED, ("经复议" if facts.get("reconsidered") else "")
    elif action == "answer":
        due = case.answer_due
        kind, note = EventKind.ANSWERED, (f"逾期答辩（期限 {due:%Y-%m-%d}）" if due and on > due else "")
    elif action == "hearing":
        h = facts["hearing"]
        who = f"{h.appearing_title} {h.appearing_person}".strip()
        kind, note = EventKind.HEARING, f"{Appearance(h.appearance).label} {who}".strip()
    elif action == "judge":
        kind, note = EventKind.JUDGED, Result(case.result).label + ("（败诉）" if case.lost else "")
    elif action == "appeal":
        kind = EventKind.APPEALED
    elif action == "close":
        kind = EventKind.CLOSED
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(
    case: LitigationCase, hearings: Iterable[CourtHearing] = (), *, note: str = ""
) -> list[tuple[str, date, str]]:
    """The entries the actions would have left for a lawsuit known only by its final record (an imported row);
    `note` for registration and closing, whose own text the record does not keep."""
    out = [event(case, "register", case.complaint_received_on)]
    out[0] = (out[0][0], out[0][1], out[0][2] or note)
    if case.answered_on:
        out.append(event(case, "answer", case.answered_on))
    out += [event(case, "hearing", h.held_on, hearing=h) for h in hearings]
    if case.judged_on:
        out.append(event(case, "judge", case.judged_on))
    if case.closed_on:
        out.append((*event(case, "close", case.closed_on)[:2], note))
    return out
