"""Rules of 学法用法 records: the actions on a study session, the one validation, the timeline entries, and the
reading of attendee lines ("姓名 职务" / "姓名 成绩") shared by the page, the API, the importer and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow

from .choices import EventKind, SessionKind, Status

if TYPE_CHECKING:
    from .models import StudySession

WORKFLOW = Workflow(
    status=Status,
    number_field="title",
    noun="学法活动",
    transitions_list=[
        T("attendees", {Status.HELD}, None, "登记参加人员", "关于完善国家工作人员学法用法制度的意见"),
        T(
            "scores",
            {Status.HELD},
            None,
            "登记考试成绩",
            "工作要点第4条",
            when=lambda s: s.kind == SessionKind.EXAM,
            refusal="只有学法用法考试可以登记考试成绩",
        ),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""
    score: Decimal | None = None


def parse_people(text: str, *, scores: bool = False) -> list[Person]:
    """One person a line: "姓名 职务" (attendees) or "姓名 成绩" (scores); blank lines are skipped. Raises
    ValueError naming the line when a line cannot be read."""
    out: list[Person] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("，", " ").replace(",", " ").replace("\t", " ").strip()
        if not line:
            continue
        name, _, rest = line.partition(" ")
        rest = rest.strip()
        if len(name) > 50:
            raise ValueError(f"第{n}行：姓名过长")
        if name in seen:
            raise ValueError(f"第{n}行：{name} 重复")
        seen.add(name)
        if scores:
            try:
                score = Decimal(rest)
            except InvalidOperation:
                raise ValueError(f"第{n}行：{name} 的成绩“{rest}”不是数字") from None
            if score < 0 or score > 1000:
                raise ValueError(f"第{n}行：{name} 的成绩应在0到1000之间")
            out.append(Person(name, score=score))
        else:
            out.append(Person(name, title=rest[:60]))
    return out


def validate(session: StudySession) -> dict[str, str]:
    """Every rule a study session obeys, whoever writes it (services, importer, demo). Pure."""
    errors: dict[str, str] = {}
    if session.kind == SessionKind.COURT and not (session.court or "").strip():
        errors["court"] = "旁听庭审请填写旁听法院"
    if session.kind == SessionKind.PRE_MEETING and not (session.meeting or "").strip():
        errors["meeting"] = "会前学法请填写会议名称（如 市政府第12次常务会议）"
    if session.kind in (SessionKind.PRE_MEETING, SessionKind.LECTURE) and not (session.speaker or "").strip():
        errors["speaker"] = "请填写主讲人（讲法人）"
    if session.head_lectured and not (session.speaker or "").strip():
        errors["speaker"] = "主要负责人讲法的，请填写讲法人"
    return errors


def event(session: StudySession, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry an action leaves (kind, date, note)."""
    if action == "register":
        kind, note = EventKind.REGISTERED, session.get_kind_display()
    elif action == "attendees":
        kind, note = EventKind.ATTENDEES, f"新增 {facts['added']} 人，共 {session.attendee_count} 人"
    elif action == "scores":
        kind, note = EventKind.SCORES, f"登记 {facts['scored']} 人成绩，合格 {session.passed_count} 人"
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]
