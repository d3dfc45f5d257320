"""Rules of 依申请公开: the reply clock (《政府信息公开条例》第三十条、第三十三条, fazhi.law rule "disclosure.reply"),
the allowed actions, the one validation and the timeline entries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.deadlines import Deadline, Pause, compute

from .choices import WHILE_CORRECTING, Answer, EventKind, Outcome, Status

if TYPE_CHECKING:
    from .models import Application, Consultation

OPEN = {Status.PENDING, Status.CONSULTING}
WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="申请",
    transitions_list=[
        T(
            "correction",
            {Status.PENDING},
            Status.CORRECTING,
            "告知补正",
            "政府信息公开条例第三十条",
            when=lambda a: a.correction_requested_on is None,
            refusal="补正应一次性告知（条例第三十条），本申请已告知过补正",
        ),
        T("corrected", {Status.CORRECTING}, Status.PENDING, "登记收到补正", "政府信息公开条例第三十条"),
        T(
            "consult",
            {Status.PENDING},
            Status.CONSULTING,
            "征求意见",
            "政府信息公开条例第三十二条、第三十四条",
        ),
        T(
            "consulted",
            {Status.CONSULTING},
            Status.PENDING,
            "登记收到意见",
            "政府信息公开条例第三十三条第三款",
        ),
        T(
            "extend",
            OPEN,
            None,
            "延长答复期限",
            "政府信息公开条例第三十三条第二款",
            when=lambda a: a.extension_days == 0,
            refusal="答复期限只能延长一次，最长不得超过20个工作日（条例第三十三条第二款）",
        ),
        T("answer", {*OPEN, Status.CORRECTING}, Status.ANSWERED, "答复", "政府信息公开条例第三十六条"),
        T("dispute", {Status.ANSWERED}, None, "登记复议诉讼", "政府信息公开条例第五十一条"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


def pauses(consultations: Iterable[Consultation]) -> list[Pause]:
    """第三十三条第三款: the days of each consultation (from the request to the opinion) are not counted."""
    return [Pause(c.started_on, c.ended_on, f"征求{c.party}意见") for c in consultations]


def reply_deadline(app: Application, consultations: Iterable[Consultation] = ()) -> Deadline | None:
    """The reply's due date: 20 working days from receipt (第三十三条第二款), from receipt of the corrected
    application after 补正 (第三十条), consultations not counted, plus the one extension. None while awaiting 补正
    (the period has not started) — and `Deadline.due` is None while a consultation is open."""
    if app.status == Status.CORRECTING or (app.correction_requested_on and not app.corrected_on):
        return None
    facts: dict[str, Any] = {"corrected_on": app.corrected_on} if app.corrected_on else {}
    return compute(
        "disclosure.reply",
        app.received_on,
        pauses=pauses(consultations),
        extension_days=app.extension_days,
        **facts,
    )


def correction_deadline(app: Application) -> date:
    """第三十条: 补正 must be asked for within 7 working days of receipt."""
    return cast(date, compute("disclosure.correction_notice", app.received_on).due)  # no pauses: a date


def validate(app: Application) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (app.applicant or "").strip():
        errors["applicant"] = "请填写申请人"
    if not (app.content or "").strip():
        errors["content"] = "请填写申请公开的政府信息"
    if app.corrected_on and app.correction_requested_on and app.corrected_on < app.correction_requested_on:
        errors["corrected_on"] = "收到补正申请日期不能早于告知补正日期"
    if app.correction_requested_on and app.correction_requested_on < app.received_on:
        errors["correction_requested_on"] = "告知补正日期不能早于收到申请日期"
    if app.answered_on and app.answered_on < app.received_on:
        errors["answered_on"] = (
            f"答复日期（{app.answered_on:%Y-%m-%d}）不能早于收到申请日期（{app.received_on:%Y-%m-%d}）"
        )
    if app.answer and not app.answered_on:
        errors["answered_on"] = "请填写答复日期"
    if app.answer in WHILE_CORRECTING and not app.correction_requested_on:
        errors["answer"] = "未告知补正的申请，不能以逾期不补正结束（条例第三十条）"
    if app.extension_days > 20:
        errors["extension_days"] = "延长的期限最长不得超过20个工作日（条例第三十三条第二款）"
    if app.suit_after_review and not app.review:
        errors["suit_after_review"] = "复议后起诉的，请先登记行政复议"
    return errors


def is_on_time(app: Application) -> bool | None:
    """Answered within the clock? Not-corrected endings have no reply period; None until answered."""
    if not app.answered_on:
        return None
    if app.answer in WHILE_CORRECTING or app.due_on is None:
        return True
    return app.answered_on <= app.due_on


def event(app: Application, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    note = ""
    if action == "register":
        kind, note = EventKind.RECEIVED, app.get_channel_display()
    elif action == "correction":
        kind = EventKind.CORRECTION
        late = facts.get("late_after")
        note = f"超过第三十条规定的7个工作日（应于{late:%Y-%m-%d}前告知）" if late else ""
    elif action == "corrected":
        kind = EventKind.CORRECTED
    elif action == "consult":
        kind, note = EventKind.CONSULT, facts["party"]
    elif action == "consulted":
        kind, note = EventKind.CONSULTED, facts["party"]
    elif action == "extend":
        kind, note = (
            EventKind.EXTENDED,
            f"延长{app.extension_days}个工作日，{facts.get('reason', '')}".rstrip("，"),
        )
    elif action == "answer":
        kind = EventKind.ANSWERED
        note = Answer(app.answer).label + (
            "" if app.on_time is not False else f"（逾期，期限 {app.due_on:%Y-%m-%d}）"
        )
    elif action == "dispute":
        kind = EventKind.SUIT if facts["kind"] == "suit" else EventKind.REVIEW
        note = Outcome(facts["outcome"]).label
    else:  # pragma: no cover
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]
