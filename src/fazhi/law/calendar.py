"""Working days in China: the State Council's holiday notices as code.

Sources, in order of precedence for any date:

1. the office's own table (`HolidayDay`, edited in the admin): an entry decides the day, in any year;
2. the `chinesecalendar` package (``import chinese_calendar``), which carries every 国务院办公厅 notice it
   ships with (2004–2026 in version 1.11): 法定节假日 and the weekend days declared working days (调休);
3. for a year that neither covers, a stated fallback: Monday to Friday work, Saturday and Sunday rest,
   with a warning, because the real notice will add holidays and the result may be too early.

**Covered years.** A year is *covered* when the package has data for it, or when the office has entered
that year's notice and marked it complete (a `HolidayYear` row with ``complete=True``). Single
`HolidayDay` entries for a year do not make it covered by themselves: they apply, but until the year is
marked complete every result that depends on that year carries the fallback warning. This avoids
treating a half-typed notice as the whole calendar.

**调休 make-up working days.** A Saturday or Sunday that a notice declares a working day counts as a
working day when ``settings.FAZHI_MAKEUP_WORKDAYS_COUNT`` is true (the default). The statutes are silent
on this (民事诉讼法 第八十五条 only speaks of 法定休假日), so the office decides. The same setting
governs both uses of the calendar: counting working-day periods (行政复议法 第八十八条第二款), and
deciding whether the last day of a calendar-day period is a 法定休假日 (民事诉讼法 第八十五条第三款).

Use one `WorkCalendar` per computation or per batch: it reads the table once per year it touches and
records which uncovered years were consulted. The module-level helpers build a fresh calendar each time
and emit an `UncoveredYearWarning` (Python ``warnings``) instead of staying silent.

**One calendar per batch.** Inside ``with shared_calendar():`` (an import, a generator run) every deadline
computed without an explicit calendar (`fazhi.law.deadlines.compute`) uses the one calendar the block opened,
so the holiday table is read once per year for the whole batch instead of once per deadline. A change to the
table (`HolidayDay`, `HolidayYear` saved or deleted, in this process) drops the shared calendar's cache; the
next deadline reads the table afresh.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from chinese_calendar import constants as _cc
from django.conf import settings

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# chinese_calendar names its holidays in English; these are the names used in the State Council notices.
_HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# Longest stretch of consecutive rest days we accept before concluding the calendar data is wrong
# (the longest real one, 春节 2026, is 9 days).
_MAX_REST_RUN = 60


class UncoveredYearWarning(UserWarning):
    """A date was judged by the Monday–Friday fallback because its year's holiday notice is missing."""


@lru_cache(maxsize=1)
def package_years() -> range:
    """Years for which the installed chinesecalendar package has the State Council's notice."""
    years = [d.year for d in _cc.holidays] + [d.year for d in _cc.workdays]
    return range(min(years), max(years) + 1)


def makeup_workdays_count() -> bool:
    """Whether a 调休 make-up Saturday/Sunday counts as a working day (settings.FAZHI_MAKEUP_WORKDAYS_COUNT)."""
    return bool(getattr(settings, "FAZHI_MAKEUP_WORKDAYS_COUNT", True))


def fallback_warning(year: int, *, partial: bool = False) -> str:
    """The warning (Chinese) attached to any result that used the fallback for `year`."""
    text = (
        f"{year}年国务院节假日安排尚未录入，暂按周一至周五为工作日、周六周日为休息日计算，"
        "未计入法定节假日，结果可能偏早"
    )
    if partial:
        text += f"（已录入的{year}年个别日期已按录入计算，但该年尚未标记为完整录入）"
    return text + "。请在“节假日安排”中录入该年通知后重新计算。"


def format_date(day: dt.date) -> str:
    """2025年1月28日（星期二）."""
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says about one date, and why."""

    date: dt.date
    is_workday: bool
    source: str  # "table" (office entry), "package" (chinesecalendar) or "fallback" (Mon–Fri rule)
    name: str = ""  # holiday name, or the notice's name for a make-up working day
    makeup: bool = False  # a Saturday/Sunday declared a working day by a notice (调休上班)

    def describe(self) -> str:
        """Chinese phrase for explanations: "2025年1月26日（星期日，春节调休上班日）"."""
        if self.makeup:
            counted = "计为工作日" if self.is_workday else "按设置不计为工作日"
            base = self.name if "调休" in self.name else f"{self.name}调休上班日"
            label = f"{base}，{counted}"
        elif not self.is_workday and self.name:
            label = f"{self.name}假期"
        elif not self.is_workday:
            label = "休息日"
        else:
            label = "工作日"
        return f"{self.date.year}年{self.date.month}月{self.date.day}日（{WEEKDAY_NAMES[self.date.weekday()]}，{label}）"


@dataclass
class CalendarTrace:
    """What a computation relied on: uncovered years consulted, make-up days met."""

    uncovered_years: set[int] = field(default_factory=set)
    partial_years: set[int] = field(default_factory=set)
    makeup_days: list[DayInfo] = field(default_factory=list)

    def warnings(self) -> list[str]:
        return [fallback_warning(y, partial=y in self.partial_years) for y in sorted(self.uncovered_years)]


class WorkCalendar:
    """One consistent view of working days.

    `entries` and `complete_years` may be given explicitly (tests, previews); otherwise they are read from
    the `HolidayDay` / `HolidayYear` tables lazily, one query per year touched.
    """

    def __init__(
        self,
        *,
        makeup_counts: bool | None = None,
        entries: dict[dt.date, tuple[bool, str]] | None = None,
        complete_years: set[int] | None = None,
    ) -> None:
        self.makeup_counts = makeup_workdays_count() if makeup_counts is None else makeup_counts
        self._from_db = entries is None
        self._entries: dict[dt.date, tuple[bool, str]] = dict(entries or {})
        self._loaded_years: set[int] = set()
        self._entry_years: set[int] = {d.year for d in self._entries}
        self._complete_years = complete_years
        self.trace = CalendarTrace()

    # -- table access --------------------------------------------------------------------------------
    def _load_year(self, year: int) -> None:
        if not self._from_db or year in self._loaded_years:
            return
        from .models import HolidayDay

        for row in HolidayDay.objects.filter(date__year=year).only("date", "is_workday", "name"):
            self._entries[row.date] = (row.is_workday, row.name)
            self._entry_years.add(year)
        self._loaded_years.add(year)

    def forget(self) -> None:
        """Drop what was read from the tables (they changed): the next query reads them again."""
        if self._from_db:
            self._entries.clear()
            self._entry_years.clear()
            self._loaded_years.clear()
            self._complete_years = None

    def complete_years(self) -> set[int]:
        """Years whose notice the office has entered and marked complete."""
        if self._complete_years is None:
            from .models import HolidayYear

            self._complete_years = set(
                HolidayYear.objects.filter(complete=True).values_list("year", flat=True)
            )
        return self._complete_years

    def is_covered(self, year: int) -> bool:
        """True when the package has `year`, or the office entered that year's notice as complete."""
        return year in package_years() or year in self.complete_years()

    def begin_trace(self) -> CalendarTrace:
        """Start recording what the next computation relies on."""
        self.trace = CalendarTrace()
        return self.trace

    # -- queries -------------------------------------------------------------------------------------
    def day(self, day: dt.date) -> DayInfo:
        """Classify `day` (see the module docstring for the precedence of sources)."""
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise TypeError(f"需要日期（date），收到：{day!r}")
        weekend = day.weekday() >= 5
        year = day.year
        self._load_year(year)
        if not self.is_covered(year):
            self.trace.uncovered_years.add(year)
            if year in self._entry_years:
                self.trace.partial_years.add(year)
        if day in self._entries:
            is_work, name = self._entries[day]
            source = "table"
        elif year in package_years():
            source = "package"
            if day in _cc.workdays:
                is_work, name = True, _HOLIDAY_NAMES_ZH.get(_cc.workdays[day], _cc.workdays[day])
            elif day in _cc.holidays:
                is_work, name = False, _HOLIDAY_NAMES_ZH.get(_cc.holidays[day], _cc.holidays[day])
            else:
                is_work, name = not weekend, ""
        else:
            source = "fallback"
            is_work, name = not weekend, ""
        makeup = weekend and is_work
        if makeup:
            is_work = self.makeup_counts
        info = DayInfo(date=day, is_workday=is_work, source=source, name=name, makeup=makeup)
        if makeup:
            self.trace.makeup_days.append(info)
        return info

    def is_workday(self, day: dt.date) -> bool:
        """True when `day` is a working day (not a weekend, not a 法定节假日; 调休 per the setting)."""
        return self.day(day).is_workday

    def next_working_day(self, day: dt.date, *, inclusive: bool = False) -> dt.date:
        """The first working day after `day` (or `day` itself when `inclusive` and it is one)."""
        current = day if inclusive else day + dt.timedelta(days=1)
        for _ in range(_MAX_REST_RUN):
            if self.is_workday(current):
                return current
            current += dt.timedelta(days=1)
        raise ValueError(f"{format_date(day)}之后连续{_MAX_REST_RUN}日均为休息日，节假日数据可能有误")

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start`; `start` itself is never counted (民事诉讼法 第八十五条)."""
        if days < 0:
            raise ValueError("工作日数不能为负数")
        current = start
        for _ in range(days):
            current = self.next_working_day(current)
        return current


def _warn(calendar: WorkCalendar) -> None:
    for message in calendar.trace.warnings():
        warnings.warn(message, UncoveredYearWarning, stacklevel=3)


def is_workday(day: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    """True when `day` is a working day. Warns (UncoveredYearWarning) when the fallback decided it."""
    cal = calendar or WorkCalendar()
    result = cal.is_workday(day)
    if calendar is None:
        _warn(cal)
    return result


def next_working_day(
    day: dt.date, *, inclusive: bool = False, calendar: WorkCalendar | None = None
) -> dt.date:
    """The first working day after `day` (`inclusive=True`: `day` itself if it is a working day)."""
    cal = calendar or WorkCalendar()
    result = cal.next_working_day(day, inclusive=inclusive)
    if calendar is None:
        _warn(cal)
    return result


def add_working_days(start: dt.date, days: int, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The `days`-th working day after `start` (start day not counted; 行政复议法 第八十八条第二款)."""
    cal = calendar or WorkCalendar()
    result = cal.add_working_days(start, days)
    if calendar is None:
        _warn(cal)
    return result


_SHARED: ContextVar[WorkCalendar | None] = ContextVar("fazhi_shared_calendar", default=None)


@contextmanager
def shared_calendar() -> Iterator[WorkCalendar]:
    """Within the block, `current_calendar()` is one calendar (opened here, or the enclosing block's)."""
    outer = _SHARED.get()
    if outer is not None:
        yield outer
        return
    cal = WorkCalendar()
    token = _SHARED.set(cal)
    try:
        yield cal
    finally:
        _SHARED.reset(token)


def current_calendar() -> WorkCalendar:
    """The calendar of the enclosing `shared_calendar()` block, else a fresh one."""
    return _SHARED.get() or WorkCalendar()


def holidays_changed(**_: object) -> None:
    """Signal receiver (law.apps): the holiday tables changed, so the shared calendar re-reads them."""
    cal = _SHARED.get()
    if cal is not None:
        cal.forget()
