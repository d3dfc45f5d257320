"""A statutory period and its computed due date: the types the statutes (fazhi.law.statutes) declare and the
engine (fazhi.law.deadlines) computes. See deadlines.py for how a period is counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DayKind(StrEnum):
    """Whether a period's "日" are working days or calendar days."""

    WORKING = "working"
    CALENDAR = "calendar"

    @property
    def label(self) -> str:
        return "工作日" if self is DayKind.WORKING else "日历日"

    def amount(self, days: int) -> str:
        """Amount in words, e.g. "5个工作日" or "60日"."""
        return f"{days}个工作日" if self is DayKind.WORKING else f"{days}日"


class DeadlineError(ValueError):
    """A deadline cannot be computed as asked (unknown rule, bad date, extension beyond the statute...).
    The message is Chinese and meant for the user."""


@dataclass(frozen=True)
class Pause:
    """A stretch during which the period does not run (中止, or an obstacle under 复议法 第二十条第二款).

    `start` is the day the pause takes effect, `end` the day of 恢复 (None while still suspended). Both days
    are excluded from the period; counting resumes the day after `end`."""

    start: dt.date
    end: dt.date | None
    reason: str = "中止"


@dataclass(frozen=True)
class Rule:
    """One statutory period: citation, the statute's words, day kind, number of days."""

    name: str
    title: str
    law: str
    article: str
    text: str
    day_kind: DayKind
    days: int
    start_event: str  # what the start date is, in the statute's words: "收到行政复议申请之日"
    counting: str  # which provision says how the days are counted
    max_extension_days: int | None = 0  # 0: no extension provided; None: a "合理" extension without a cap
    extension_note: str = ""
    facts: tuple[str, ...] = ()
    note: str = ""
    #: the number of days and the rule cited are local (per-jurisdiction settings): `compute(..., days=,
    #: basis=)` replaces `days` and the citation with the office's own (e.g. 20日 under a provincial 办法)
    local: bool = False
    #: a period counted backwards from `start` (an event to come): the due date is the latest day before it, e.g.
    #: 重大行政决策程序暂行条例 第十六条 "听证会材料应当于召开听证会7日前送达"
    backward: bool = False
    #: a period after which something may first happen ("N日后施行"): the due date is the day after the period's
    #: last day, never moved for a 法定休假日 (it is not an act to be done in time), e.g. 规章制定程序条例 第三十二条
    #: "规章应当自公布之日起30日后施行"
    after: bool = False
    adjust_start: Callable[[Rule, dt.date, dict[str, Any]], tuple[dt.date, str]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def citation(self) -> str:
        return f"《{self.law}》{self.article}"

    @property
    def period(self) -> str:
        """The period in words, e.g. "自收到行政复议申请之日起5个工作日" (backwards: "召开听证会之日前7日")."""
        if self.backward:
            return f"{self.start_event}前{self.day_kind.amount(self.days)}"
        if self.after:
            return f"自{self.start_event}起{self.day_kind.amount(self.days)}后"
        return f"自{self.start_event}起{self.day_kind.amount(self.days)}"

    def due(self, start: dt.date, **kwargs: Any) -> dt.date | None:
        """The due date for `start` (and case facts, pauses, extension): `compute(...).due`."""
        from .deadlines import compute

        return compute(self.name, start, **kwargs).due


@dataclass(frozen=True)
class Deadline:
    """A computed due date with its reasons. `due` is None while an open pause stops the clock."""

    rule: Rule
    start: dt.date
    due: dt.date | None
    explanation: str
    warnings: list[str] = field(default_factory=list)
    last_day: dt.date | None = None  # the period's last day before any end-day move
    paused_days: int = 0  # calendar days excluded by pauses
    extension_days: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape other apps and the CLI share."""
        return {
            "rule": self.rule.name,
            "start": self.start.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "citation": self.rule.citation,
            "text": self.rule.text,
            "explanation": self.explanation,
            "warnings": list(self.warnings),
        }


def as_date(value: Any, label: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DeadlineError(f"{label}必须是日期（不含时间），收到：{value!r}")
    return value
