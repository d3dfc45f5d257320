"""Statutory deadlines as code: each rule is a name, a citation, the statute's own words, a day kind and a
number of days; `compute()` turns a start date (and case facts) into a due date that explains itself.

Texts are quoted from LawRefBook/Laws: 诉讼与非诉讼程序法/行政复议法(2023-09-01).md (2023 revision, in force
2024-01-01), 诉讼与非诉讼程序法/行政诉讼法.md (2017 amendment) and 诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md.

How a period is counted (one engine for every rule):

* **Start day not counted.** 民事诉讼法 第八十五条第二款 "期间开始的时和日，不计算在期间内" — applied to
  行政复议 by 行政复议法 第八十八条第一款 and to 行政诉讼 by 行政诉讼法 第一百零一条. The period's first day
  is the day after `start`.
* **Working-day periods.** 行政复议法 第八十八条第二款: the 复议法's "三日、五日、七日、十日" are working days
  "不含法定休假日"; only working days (see `fazhi.law.calendar`) are counted. The last counted day is a working
  day, so no end-day move is needed.
* **Calendar-day periods.** Every other "N日" (复议 15/30/60 日, every 行政诉讼法 period). If the last day is a
  法定休假日 (a weekend or holiday per the calendar) the period ends on the first working day after it:
  民事诉讼法 第八十五条第三款 "期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期".
  Time in transit (第八十五条第四款, "在途时间") is not modelled: the caller chooses the receipt date.
* **Pauses (中止).** A pause is (start, end, reason): the clock stops *on* the suspension day and resumes the
  day *after* the resumption (恢复) day, so the days start..end inclusive are not counted. Reading: 行政复议法
  第三十九条 suspends the case and its second paragraph has the case "恢复" when the cause ends; the Act does
  not spell out the arithmetic, so we apply 民事诉讼法 第八十五条第二款 (via 第八十八条第一款) to the resumed
  period — the day it (re)starts is not counted — and treat the suspension day as the first day not
  counted. 行政复议法 第二十条第二款 ("申请期限自障碍消除之日起继续计算") reads the same way. A pause that is
  still open gives no due date ("中止期间，期限暂停计算"). A pause that starts after the period's last day
  does not revive it.
* **Extension (延长).** Added to the number of days of the period, in the rule's own day kind; the end-day
  rule is applied once, to the extended period's last day. 行政复议法 第六十二条第一款 caps the decision
  extension at 三十日; a larger value is refused.
* **补正.** 行政复议法 第三十一条第三款: "行政复议机关收到补正材料后，依照本法第三十条的规定处理" — the five
  working-day acceptance review runs again from receipt of the corrected materials. Pass the receipt date
  of the application as `start` and `corrected_on=<date materials were received>`; the review then counts
  from `corrected_on` (or simply pass that date as `start`).

`Deadline.start` is the date the period actually ran from (after 补正 substitution).

The rules themselves live in `fazhi.law.statutes`, one module per act; `RULES` collects them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from .calendar import WorkCalendar, current_calendar, format_date
from .periods import DayKind, Deadline, DeadlineError, Pause, Rule, as_date
from .statutes import collect_rules, working_basis
from .statutes import via as via_of
from .statutes.fuyi import LAW as FUYI
from .statutes.minsu import LAW as MINSU
from .statutes.susong import LAW as SUSONG

__all__ = [
    "FUYI",
    "MINSU",
    "RULES",
    "SUSONG",
    "DayKind",
    "Deadline",
    "DeadlineError",
    "Pause",
    "Rule",
    "compute",
]

# One day-by-day walk never needs more steps than this (a 90-day period plus years of pauses).
_MAX_STEPS = 20000

#: every statute's rules by name (fazhi.law.statutes)
RULES: dict[str, Rule] = collect_rules()


# -- the engine ----------------------------------------------------------------------------------------
def _as_pause(value: Pause | tuple[Any, ...]) -> Pause:
    if isinstance(value, Pause):
        pause = value
    else:
        try:
            pause = Pause(*value)
        except TypeError as exc:
            raise DeadlineError(f"中止期间应为（开始日期, 恢复日期或None, 原因），收到：{value!r}") from exc
    as_date(pause.start, "中止开始日期")
    if pause.end is not None:
        as_date(pause.end, "恢复日期")
        if pause.end < pause.start:
            raise DeadlineError(
                f"恢复日期（{pause.end.isoformat()}）不能早于中止开始日期（{pause.start.isoformat()}）"
            )
    return pause


def _pause_label(pause: Pause) -> str:
    reason = (pause.reason or "").strip()
    if not reason:
        return "中止"
    return reason if reason.startswith("中止") else f"中止（{reason}）"


def _localised(rule: Rule, days: int | None, basis: str) -> Rule:
    """`rule` with the office's own number of days and cited rule (only for a rule declared `local`)."""
    if not rule.local:
        raise DeadlineError(f"“{rule.title}”（{rule.citation}）的期限由法律规定，不能按本地设置改变")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
        raise DeadlineError(f"期限天数必须是正整数，收到：{days!r}")
    basis = basis.strip()
    return dataclasses.replace(
        rule,
        days=rule.days if days is None else days,
        article=f"（本地规定：{basis}）" if basis else rule.article,
    )


def _backward(rule: Rule, start: dt.date, cal: WorkCalendar) -> Deadline:
    """A period counted back from an event to come (`Rule.backward`): its last day is `days` calendar days
    before `start`; a last day that is a 法定休假日 moves to the working day before it, so that the act can be
    done on a day the office works and still in time."""
    trace = cal.begin_trace()
    last_day = start - dt.timedelta(days=rule.days)
    sentences = [
        f"依据{rule.citation}，{rule.title}：{rule.text}",
        f"自{format_date(start)}向前倒数{rule.day_kind.amount(rule.days)}为{format_date(last_day)}。",
    ]
    due = last_day
    while not cal.is_workday(due):
        due -= dt.timedelta(days=1)
    if due != last_day:
        sentences.append(
            f"该日为{cal.day(last_day).describe()}，是法定休假日，应在此前的工作日{format_date(due)}前完成。"
        )
    else:
        sentences.append(f"最迟应于{format_date(due)}完成。")
    return Deadline(
        rule=rule,
        start=start,
        due=due,
        explanation="".join(sentences),
        warnings=trace.warnings(),
        last_day=last_day,
    )


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def compute(
    name: str,
    start: dt.date,
    *,
    pauses: Iterable[Pause | tuple[Any, ...]] = (),
    extension_days: int = 0,
    calendar: WorkCalendar | None = None,
    days: int | None = None,
    basis: str = "",
    **facts: Any,
) -> Deadline:
    """Compute rule `name`'s due date for a period starting on `start`.

    `pauses`: Pause(start, end|None, reason) items; their days (start..end inclusive) do not count, and an
    open pause reached before the period ends gives ``due=None``. `extension_days`: days added to the period
    (refused beyond the rule's statutory maximum). `facts`: rule-specific case facts, e.g.
    ``corrected_on`` for ``reconsideration.acceptance_review``. `calendar`: reuse one `WorkCalendar` across a
    batch. `days`, `basis`: for a rule whose period is a local rule (`Rule.local`), the number of days and the
    rule cited that the office configured. Raises `DeadlineError` (a ValueError) with a Chinese message on bad
    input."""
    rule = RULES.get(name)
    if rule is None:
        raise DeadlineError(f"未知的期限规则：{name}。可用的规则：{'、'.join(RULES)}")
    if days is not None or basis:
        rule = _localised(rule, days, basis)
    start = as_date(start, "起算日期")
    unknown = sorted(set(facts) - set(rule.facts))
    if unknown:
        allowed = "、".join(rule.facts) or "无"
        raise DeadlineError(f"规则“{rule.title}”不接受案件事实参数：{'、'.join(unknown)}（可用：{allowed}）")
    if isinstance(extension_days, bool) or not isinstance(extension_days, int):
        raise DeadlineError(f"延长天数必须是整数，收到：{extension_days!r}")
    if extension_days < 0:
        raise DeadlineError("延长天数不能为负数")
    if extension_days and rule.max_extension_days == 0:
        raise DeadlineError(f"“{rule.title}”（{rule.citation}）没有延长期限的规定，不能延长")
    if rule.max_extension_days is not None and extension_days > rule.max_extension_days:
        raise DeadlineError(
            f"“{rule.title}”延长期限最多不得超过{rule.max_extension_days}日（{rule.citation}），"
            f"不能延长{extension_days}日"
        )
    pause_list = sorted((_as_pause(p) for p in pauses), key=lambda p: p.start)

    cal = calendar or current_calendar()
    if rule.backward:
        if pause_list or extension_days:
            raise DeadlineError(f"“{rule.title}”是向前倒数的期限，不适用中止或延长")
        return _backward(rule, start, cal)
    trace = cal.begin_trace()
    sentences: list[str] = []
    warnings: list[str] = []

    if rule.adjust_start is not None:
        start, note = rule.adjust_start(rule, start, facts)
        if note:
            sentences.append(note)

    working = rule.day_kind is DayKind.WORKING
    total = rule.days + extension_days
    sentences.insert(0, f"依据{rule.citation}，{rule.title}的期限为{rule.period}。")
    via = via_of(rule.law)
    if via:
        sentences.append(
            f"起算日为{format_date(start)}，起算日当日不计入期间（《{MINSU}》第八十五条第二款，经{via}适用）；"
            + (
                f"只计工作日，不含法定休假日（{working_basis(rule.law)}）。"
                if working
                else "按日历日连续计算。"
            )
        )
    else:  # an act that counts its own days: its rule says how
        sentences.append(f"起算日为{format_date(start)}，{rule.counting}。")
    if extension_days:
        sentences.append(
            f"延长{rule.day_kind.amount(extension_days)}（{rule.extension_note}），"
            f"期间合计{rule.day_kind.amount(total)}。"
        )

    # Walk the period day by day.
    current = start
    counted = 0
    excluded: dict[Pause, int] = {}
    open_pause: Pause | None = None
    for _ in range(_MAX_STEPS):
        if counted >= total:
            break
        current += dt.timedelta(days=1)
        pause = next(
            (p for p in pause_list if p.start <= current and (p.end is None or current <= p.end)), None
        )
        if pause is not None:
            if pause.end is None:
                open_pause = pause
                break
            excluded[pause] = excluded.get(pause, 0) + 1
            continue
        if working and not cal.is_workday(current):
            continue
        counted += 1
    else:  # pragma: no cover - only with absurd pauses
        raise DeadlineError("期间计算超出范围，请检查中止期间")

    paused_days = sum(excluded.values())
    for pause in pause_list:
        if pause in excluded:
            sentences.append(
                f"{_pause_label(pause)}：{_span(pause.start, pause.end or pause.start)}，"
                f"其中{excluded[pause]}日在期间内不计算，自恢复之日的次日起继续计算。"
            )
        elif pause is open_pause or (open_pause is not None and pause.start >= open_pause.start):
            continue
        elif pause.end is not None and pause.end <= start:
            warnings.append(
                f"{_pause_label(pause)}（{_span(pause.start, pause.end)}）在起算日之前，不影响本期限。"
            )
        elif pause.start > current:
            warnings.append(
                f"{_pause_label(pause)}（{format_date(pause.start)}起）开始于期间最后一日之后，不影响本期限。"
            )
        else:
            warnings.append(
                f"{_pause_label(pause)}（{format_date(pause.start)}起）与其他中止期间重叠，已合并计算。"
            )

    if open_pause is not None:
        remaining = total - counted
        sentences.append(
            f"{format_date(open_pause.start)}起{_pause_label(open_pause)}，尚未恢复：中止期间，期限暂停计算。"
            f"中止前已计入{rule.day_kind.amount(counted)}，尚余{rule.day_kind.amount(remaining)}，"
            "恢复后自恢复之日的次日起继续计算。"
        )
        warnings.extend(trace.warnings())
        return Deadline(
            rule=rule,
            start=start,
            due=None,
            explanation="".join(sentences),
            warnings=warnings,
            last_day=None,
            paused_days=paused_days,
            extension_days=extension_days,
        )

    last_day = current
    if rule.after:
        due = last_day + dt.timedelta(days=1)
        sentences.append(
            f"期间最后一日为{format_date(last_day)}，期间届满后方可为之，最早为{format_date(due)}。"
        )
    elif working:
        due = last_day
        makeups = [d.describe() for d in trace.makeup_days if start < d.date <= due]
        if makeups:
            sentences.append(f"期间内的调休上班日：{'、'.join(dict.fromkeys(makeups))}。")
        sentences.append(f"第{total}个工作日为{format_date(due)}，期限届满日为{format_date(due)}。")
    else:
        info = cal.day(last_day)
        if info.is_workday:
            due = last_day
            sentences.append(f"期间最后一日为{info.describe()}，期限届满日为{format_date(due)}。")
        else:
            due = cal.next_working_day(last_day)
            basis = f"依照《{MINSU}》第八十五条第三款（经{via}适用）" if via else ""
            sentences.append(
                f"期间最后一日为{info.describe()}，是法定休假日，{basis}"
                f"以法定休假日后的第一日为期间届满的日期，期限届满日顺延至{format_date(due)}。"
            )
    if rule.note:
        sentences.append(f"注：{rule.note}")
    warnings.extend(trace.warnings())
    return Deadline(
        rule=rule,
        start=start,
        due=due,
        explanation="".join(sentences),
        warnings=warnings,
        last_day=last_day,
        paused_days=paused_days,
        extension_days=extension_days,
    )
