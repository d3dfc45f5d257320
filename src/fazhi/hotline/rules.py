"""Rules of the 12345 closed loop (国办发〔2020〕53号: "受理、调度、办理、回复、督办、办结、回访、评价"): the workflow,
the time limits (local rules: per-jurisdiction settings, core.jsettings), one validation and the timeline.

No national day limit exists (LAW.md §8; 国办函〔2025〕66号 asks offices to "科学确定办理时限"), so the limits are
settings of the jurisdiction: by urgency, and by 诉求分类 where the office sets one. The clock starts at 派单 and
counts working days (the start day not counted), so a ticket bounced back and dispatched again starts a new clock
for the new unit; the working days the first unit held it stay on its own 派单 record (`held_days`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.workflow import Transition as T
from fazhi.core.workflow import Workflow
from fazhi.law.calendar import WorkCalendar

from .choices import OPEN_AT_UNIT, RATED, EventKind, Satisfaction, Status, Urgency

if TYPE_CHECKING:
    from fazhi.core.models import Org

    from .models import Ticket

_AT_UNIT = set(OPEN_AT_UNIT)
_MERGEABLE = {Status.RECEIVED, Status.DISPATCHED, Status.HANDLING, Status.BOUNCING}

WORKFLOW = Workflow(
    status=Status,
    number_field="number",
    noun="工单",
    transitions_list=[
        T("dispatch", {Status.RECEIVED}, Status.DISPATCHED, "派单", "国办发〔2020〕53号：受理、调度"),
        T("sign", {Status.DISPATCHED}, Status.HANDLING, "签收", "国办发〔2020〕53号：办理"),
        T(
            "bounce",
            {Status.DISPATCHED, Status.HANDLING},
            Status.BOUNCING,
            "退单/派单异议",
            "国办函〔2025〕66号：派单异议审核",
        ),
        T("review", {Status.BOUNCING}, None, "审核退单", "国办函〔2025〕66号：派单异议审核"),
        T("reply", {Status.HANDLING}, Status.REPLIED, "回复", "国办发〔2020〕53号：回复"),
        T(
            "supervise",
            _AT_UNIT,
            None,
            "督办",
            "国办发〔2020〕53号：督办",
            when=lambda t: t.due_on is not None and t.due_on < timezone.localdate(),
            refusal="工单尚未超过办理期限，不能督办：督办针对超期未办结的工单。",
        ),
        T("close", {Status.REPLIED}, Status.CLOSED, "办结", "国办发〔2020〕53号：办结"),
        T(
            "visit",
            {Status.CLOSED},
            None,
            "回访",
            "国办发〔2020〕53号：回访、评价",
            when=lambda t: not t.visited_on,
            refusal="该工单已回访，不能重复回访。",
        ),
        T("merge", _MERGEABLE, Status.MERGED, "并单", "国办函〔2025〕66号：重复诉求原则上并单处理"),
    ],
)
allowed_actions = WORKFLOW.allowed
check_transition = WORKFLOW.check

# -- time limits (per-jurisdiction settings) ---------------------------------------------------------------


def parse_category_days(text: str) -> dict[str, int]:
    """ "0101:10, 0203:3" → {"0101": 10, "0203": 3}; a bad entry is a Chinese error naming it."""
    out: dict[str, int] = {}
    for part in text.replace("，", ",").replace("：", ":").split(","):
        part = part.strip()
        if not part:
            continue
        code, _, days = part.partition(":")
        try:
            n = int(days)
        except ValueError:
            n = 0
        if not code.strip() or n < 1:
            raise ValidationError(f"按诉求分类的办理时限设置有误：「{part}」应为“分类编码:工作日数”")
        out[code.strip()] = n
    return out


@dataclass
class TimeLimits:
    """The time limits of one jurisdiction, read once (a bulk import computes thousands of clocks with it)."""

    normal: int
    urgent: int
    by_category: dict[str, int] = field(default_factory=dict)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, org: Org) -> TimeLimits:
        from fazhi.core.jsettings import get_setting

        return cls(
            normal=get_setting(org, "hotline.days.normal"),
            urgent=get_setting(org, "hotline.days.urgent"),
            by_category=parse_category_days(get_setting(org, "hotline.days.by_category")),
        )

    def days(self, category: str, urgency: str) -> int:
        if urgency == Urgency.URGENT:
            return self.urgent
        return self.by_category.get(category, self.normal)

    def due(self, dispatched_on: date, category: str, urgency: str) -> date:
        """The due date of a 派单: the n-th working day after the dispatch day."""
        days = self.days(category, urgency)
        key = ("due", dispatched_on, days)
        if key not in self._memo:
            self._memo[key] = self.calendar.add_working_days(dispatched_on, days)
        return self._memo[key]  # type: ignore[no-any-return]

    def held(self, start: date, end: date) -> int:
        """Working days from `start` (not counted) to `end` (counted): the time a unit held a ticket."""
        key = ("held", start, end)
        if key not in self._memo:
            n, day = 0, start
            while day < end:
                day = date.fromordinal(day.toordinal() + 1)
                if self.calendar.is_workday(day):
                    n += 1
            self._memo[key] = n
        return self._memo[key]  # type: ignore[no-any-return]


def is_on_time(ticket: Ticket) -> bool | None:
    """按时办结: answered (回复) on or before the due date of the 派单 that answered it."""
    if not ticket.replied_on or not ticket.due_on:
        return None
    return ticket.replied_on <= ticket.due_on


# -- the one validation of a ticket ------------------------------------------------------------------------


def _label(name: str) -> str:
    from .models import Ticket

    return str(Ticket._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def check_coordinates(lat: Any, long: Any) -> None:
    """A ticket's coordinates (WGS84): both or neither, latitude within ±90 and longitude within ±180."""
    if lat is None and long is None:
        return
    if lat is None or long is None:
        raise ValidationError({"lat": "纬度和经度应同时填写"})
    if not -90 <= lat <= 90:
        raise ValidationError({"lat": f"纬度应在 -90 至 90 之间，现为 {lat}"})
    if not -180 <= long <= 180:
        raise ValidationError({"long": f"经度应在 -180 至 180 之间，现为 {long}"})


def in_jurisdiction(unit: Org, org: Org) -> bool:
    """A ticket goes to a unit (单位) of the hotline's own jurisdiction subtree."""
    return unit.kind == "unit" and unit.path.startswith(org.path)


def validate(ticket: Ticket) -> dict[str, str]:
    """Every rule a ticket record obeys, whoever writes it (services after each action, the importer for each
    row). Pure; returns {field: first message}."""
    errors: dict[str, str] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, message)

    order = ["received_on", "dispatched_on", "signed_on", "replied_on", "closed_on", "visited_on"]
    last: tuple[str, date] | None = None
    for name in order:
        value = getattr(ticket, name)
        if value is None:
            continue
        if last and value < last[1]:
            err(name, f"{_label(name)}（{value:%Y-%m-%d}）不能早于{_label(last[0])}（{last[1]:%Y-%m-%d}）")
        last = (name, value)
    needs = {
        "signed_on": "dispatched_on",
        "replied_on": "signed_on",
        "closed_on": "replied_on",
        "visited_on": "closed_on",
    }
    for name, before in needs.items():
        if getattr(ticket, name) and not getattr(ticket, before):
            err(name, f"填写了{_label(name)}，请先填写{_label(before)}")
    if ticket.dispatched_on and not ticket.unit_id:
        err("unit", "填写了派单日期，请填写承办单位")
    unit, org = (ticket.unit, ticket.org) if ticket.unit_id and ticket.org_id else (None, None)
    if unit is not None and org is not None and not in_jurisdiction(unit, org):
        err("unit", f"承办单位「{unit.name}」不在{org.name}的管辖范围内，不能派单")
    if ticket.satisfaction and not ticket.visited_on:
        err("visited_on", "填写了满意度，请填写回访日期")
    if ticket.visited_on and not ticket.satisfaction:
        err("satisfaction", "填写了回访日期，请填写满意度")
    return errors


def status_of(ticket: Ticket) -> str:
    """The state a ticket's dates put it in (an imported row, whose steps are not replayed)."""
    if ticket.closed_on:
        return Status.CLOSED
    if ticket.replied_on:
        return Status.REPLIED
    if ticket.signed_on:
        return Status.HANDLING
    if ticket.dispatched_on:
        return Status.DISPATCHED
    return Status.RECEIVED


def is_rated(satisfaction: str) -> bool:
    return satisfaction in RATED


# -- the timeline ------------------------------------------------------------------------------------------


def event(ticket: Ticket, action: str, on: date, **facts: Any) -> tuple[str, date, str]:
    """The timeline entry of an action (kind, date, note), `ticket` as the action left it."""
    note = facts.get("note", "") or ""
    unit = facts.get("unit")
    if action == "receive":
        kind = EventKind.RECEIVED
        note = note or f"{ticket.get_channel_display()}受理"
    elif action == "dispatch":
        kind = EventKind.DISPATCHED
        note = (
            f"派至{unit.name if unit else ''}，办理期限 {ticket.due_on:%Y-%m-%d}" if ticket.due_on else note
        )
    elif action == "sign":
        kind = EventKind.SIGNED
    elif action == "bounce":
        kind = EventKind.BOUNCED
    elif action == "review":
        kind = EventKind.BOUNCE_APPROVED if facts.get("approved") else EventKind.BOUNCE_REJECTED
    elif action == "reply":
        kind = EventKind.REPLIED
        if ticket.on_time is False:
            note = f"超期回复（期限 {ticket.due_on:%Y-%m-%d}）"
    elif action == "supervise":
        kind = EventKind.SUPERVISED
    elif action == "close":
        kind = EventKind.CLOSED
    elif action == "visit":
        kind = EventKind.VISITED
        note = Satisfaction(ticket.satisfaction).label + (f"：{note}" if note else "")
    elif action == "merge":
        kind = EventKind.MERGED
        note = f"并入工单 {facts['into'].number}" + (f"：{note}" if note else "")
    else:  # pragma: no cover - a new action without its entry
        raise ValueError(f"unknown action {action}")
    return kind, on, note[:300]


def timeline(ticket: Ticket, *, note: str = "") -> list[tuple[str, date, str]]:
    """The entries the actions would have left for a ticket known only by its final record (an imported row)."""
    out = [event(ticket, "receive", ticket.received_on, note=note)]
    steps = [
        ("dispatch", ticket.dispatched_on),
        ("sign", ticket.signed_on),
        ("reply", ticket.replied_on),
        ("close", ticket.closed_on),
        ("visit", ticket.visited_on),
    ]
    out += [event(ticket, a, d, unit=ticket.unit) for a, d in steps if d]
    return out
