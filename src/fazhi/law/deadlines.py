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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .calendar import WorkCalendar, format_date

FUYI = "中华人民共和国行政复议法"
SUSONG = "中华人民共和国行政诉讼法"
MINSU = "中华人民共和国民事诉讼法"

# One day-by-day walk never needs more steps than this (a 90-day period plus years of pauses).
_MAX_STEPS = 20000


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
    adjust_start: Callable[[Rule, dt.date, dict[str, Any]], tuple[dt.date, str]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def citation(self) -> str:
        return f"《{self.law}》{self.article}"

    @property
    def period(self) -> str:
        """The period in words, e.g. "自收到行政复议申请之日起5个工作日"."""
        return f"自{self.start_event}起{self.day_kind.amount(self.days)}"

    def due(self, start: dt.date, **kwargs: Any) -> dt.date | None:
        """The due date for `start` (and case facts, pauses, extension): `compute(...).due`."""
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


# -- counting provisions -------------------------------------------------------------------------------
# 行政复议法 第八十八条: "行政复议期间的计算和行政复议文书的送达，本法没有规定的，依照《中华人民共和国民事诉讼法》
# 关于期间、送达的规定执行。本法关于行政复议期间有关“三日”、“五日”、“七日”、“十日”的规定是指工作日，不含法定休假日。"
_FUYI_WORKING = (
    f"《{FUYI}》第八十八条第二款：“三日”、“五日”、“七日”、“十日”是指工作日，不含法定休假日；"
    f"起算日不计入期间（第八十八条第一款适用《{MINSU}》第八十五条第二款）"
)
_FUYI_CALENDAR = (
    f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{FUYI}》第八十八条第一款适用《{MINSU}》第八十五条）"
)
# 行政诉讼法 第一百零一条: "关于期间、送达…本法没有规定的，适用《中华人民共和国民事诉讼法》的相关规定。"
_SUSONG_CALENDAR = (
    f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{SUSONG}》第一百零一条适用《{MINSU}》第八十五条）"
)


# Which provision carries 民事诉讼法 第八十五条 over into each act.
_VIA = {FUYI: f"《{FUYI}》第八十八条第一款", SUSONG: f"《{SUSONG}》第一百零一条"}


def _after_correction(rule: Rule, start: dt.date, facts: dict[str, Any]) -> tuple[dt.date, str]:
    """行政复议法 第三十一条第三款: after 补正 the 第三十条 review runs from receipt of the corrected materials."""
    corrected_on = facts.get("corrected_on")
    if corrected_on is None:
        return start, ""
    corrected_on = _as_date(corrected_on, "收到补正材料日期")
    if corrected_on < start:
        raise DeadlineError(
            f"收到补正材料日期（{corrected_on.isoformat()}）不能早于收到行政复议申请日期（{start.isoformat()}）"
        )
    note = (
        f"申请人已补正：{format_date(start)}收到申请，{format_date(corrected_on)}收到补正材料，"
        f"依照《{FUYI}》第三十一条第三款“行政复议机关收到补正材料后，依照本法第三十条的规定处理”，"
        "审查期限自收到补正材料之日起计算。"
    )
    return corrected_on, note


_RULE_LIST: list[Rule] = [
    # 行政复议法 第二十条第一款 (申请期限, 60 calendar days; 第二款: obstacles → pass a Pause).
    Rule(
        name="reconsideration.application",
        title="申请行政复议",
        law=FUYI,
        article="第二十条第一款",
        text=(
            "公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起"
            "六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。"
        ),
        day_kind=DayKind.CALENDAR,
        days=60,
        start_event="知道或者应当知道该行政行为之日",
        counting=_FUYI_CALENDAR,
        note=(
            "因不可抗力或者其他正当理由耽误的，申请期限自障碍消除之日起继续计算（第二十条第二款，以中止期间录入）；"
            "未告知申请权利、复议机关和申请期限的，依第二十条第三款计算，最长不超过一年。"
        ),
    ),
    # 行政复议法 第三十条第一款 (审查是否受理: 5 working days, 第八十八条第二款).
    Rule(
        name="reconsideration.acceptance_review",
        title="审查是否受理",
        law=FUYI,
        article="第三十条第一款",
        text="行政复议机关收到行政复议申请后，应当在五日内进行审查。",
        day_kind=DayKind.WORKING,
        days=5,
        start_event="收到行政复议申请之日",
        counting=_FUYI_WORKING,
        facts=("corrected_on",),
        adjust_start=_after_correction,
        note=(
            "补正后自收到补正材料之日起重新审查（第三十一条第三款，事实参数 corrected_on）；"
            "审查期限届满未作出不予受理决定的，审查期限届满之日起视为受理（第三十条第三款）。"
        ),
    ),
    # 行政复议法 第三十一条第一款 (补正通知: 5 working days from receipt of the application).
    Rule(
        name="reconsideration.correction_notice",
        title="通知申请人补正",
        law=FUYI,
        article="第三十一条第一款",
        text=(
            "行政复议申请材料不齐全或者表述不清楚，无法判断行政复议申请是否符合本法第三十条第一款规定的，"
            "行政复议机关应当自收到申请之日起五日内书面通知申请人补正。"
        ),
        day_kind=DayKind.WORKING,
        days=5,
        start_event="收到申请之日",
        counting=_FUYI_WORKING,
    ),
    # 行政复议法 第三十一条第二款 (申请人补正: 10 working days; "合理的补正期限" extension, no cap).
    Rule(
        name="reconsideration.correction_submission",
        title="申请人补正",
        law=FUYI,
        article="第三十一条第二款",
        text=(
            "申请人应当自收到补正通知之日起十日内提交补正材料。有正当理由不能按期补正的，"
            "行政复议机关可以延长合理的补正期限。"
        ),
        day_kind=DayKind.WORKING,
        days=10,
        start_event="收到补正通知之日",
        counting=_FUYI_WORKING,
        max_extension_days=None,
        extension_note="第三十一条第二款：有正当理由不能按期补正的，可以延长合理的补正期限，法律未规定上限",
        note="无正当理由逾期不补正的，视为申请人放弃行政复议申请，并记录在案（第三十一条第二款）。",
    ),
    # 行政复议法 第四十八条 (普通程序: 发送副本 7 working days from acceptance).
    Rule(
        name="reconsideration.send_copy",
        title="发送申请书副本（普通程序）",
        law=FUYI,
        article="第四十八条",
        text=(
            "行政复议机构应当自行政复议申请受理之日起七日内，将行政复议申请书副本或者行政复议申请笔录复印件"
            "发送被申请人。"
        ),
        day_kind=DayKind.WORKING,
        days=7,
        start_event="行政复议申请受理之日",
        counting=_FUYI_WORKING,
    ),
    # 行政复议法 第四十八条 (普通程序: 书面答复 10 working days from receipt of the copy).
    Rule(
        name="reconsideration.reply",
        title="被申请人书面答复（普通程序）",
        law=FUYI,
        article="第四十八条",
        text=(
            "被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起十日内，提出书面答复，"
            "并提交作出行政行为的证据、依据和其他有关材料。"
        ),
        day_kind=DayKind.WORKING,
        days=10,
        start_event="收到行政复议申请书副本或者行政复议申请笔录复印件之日",
        counting=_FUYI_WORKING,
        note="逾期不答复、不提交证据依据的，视为该行政行为没有证据、依据（第七十条）。",
    ),
    # 行政复议法 第五十四条第一款 (简易程序: 发送副本 3 working days from acceptance).
    Rule(
        name="reconsideration.send_copy_simplified",
        title="发送申请书副本（简易程序）",
        law=FUYI,
        article="第五十四条第一款",
        text=(
            "适用简易程序审理的行政复议案件，行政复议机构应当自受理行政复议申请之日起三日内，"
            "将行政复议申请书副本或者行政复议申请笔录复印件发送被申请人。"
        ),
        day_kind=DayKind.WORKING,
        days=3,
        start_event="受理行政复议申请之日",
        counting=_FUYI_WORKING,
    ),
    # 行政复议法 第五十四条第一款 (简易程序: 书面答复 5 working days from receipt of the copy).
    Rule(
        name="reconsideration.reply_simplified",
        title="被申请人书面答复（简易程序）",
        law=FUYI,
        article="第五十四条第一款",
        text=(
            "被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起五日内，提出书面答复，"
            "并提交作出行政行为的证据、依据和其他有关材料。"
        ),
        day_kind=DayKind.WORKING,
        days=5,
        start_event="收到行政复议申请书副本或者行政复议申请笔录复印件之日",
        counting=_FUYI_WORKING,
        note="逾期不答复、不提交证据依据的，视为该行政行为没有证据、依据（第七十条）。",
    ),
    # 行政复议法 第六十二条第一款 (普通程序决定: 60 calendar days from acceptance, extension ≤ 30 日).
    Rule(
        name="reconsideration.decision_ordinary",
        title="作出行政复议决定（普通程序）",
        law=FUYI,
        article="第六十二条第一款",
        text=(
            "适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日内作出行政复议决定；"
            "但是法律规定的行政复议期限少于六十日的除外。情况复杂，不能在规定期限内作出行政复议决定的，"
            "经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日。"
        ),
        day_kind=DayKind.CALENDAR,
        days=60,
        start_event="受理申请之日",
        counting=_FUYI_CALENDAR,
        max_extension_days=30,
        extension_note="第六十二条第一款：经行政复议机构的负责人批准，可以适当延长，延长期限最多不得超过三十日",
        note="中止期间（第三十九条）不计入；法律规定的行政复议期限少于六十日的，从其规定。",
    ),
    # 行政复议法 第六十二条第二款 (简易程序决定: 30 calendar days; no extension in the statute).
    Rule(
        name="reconsideration.decision_simplified",
        title="作出行政复议决定（简易程序）",
        law=FUYI,
        article="第六十二条第二款",
        text="适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。",
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="受理申请之日",
        counting=_FUYI_CALENDAR,
        note="简易程序无延长规定；不宜适用简易程序的，经批准转为普通程序（第五十五条）。",
    ),
    # 行政复议法 第三十四条 (复议前置案件: 起诉 15 calendar days).
    Rule(
        name="reconsideration.sue_after_refusal",
        title="复议前置案件不予受理、驳回或逾期不答复后起诉",
        law=FUYI,
        article="第三十四条",
        text=(
            "法律、行政法规规定应当先向行政复议机关申请行政复议、对行政复议决定不服再向人民法院提起行政诉讼的，"
            "行政复议机关决定不予受理、驳回申请或者受理后超过行政复议期限不作答复的，公民、法人或者其他组织"
            "可以自收到决定书之日起或者行政复议期限届满之日起十五日内，依法向人民法院提起行政诉讼。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到决定书之日或者行政复议期限届满之日",
        counting=_FUYI_CALENDAR,
    ),
    # 行政诉讼法 第四十五条 (不服复议决定起诉: 15 calendar days).
    Rule(
        name="reconsideration.sue_after_decision",
        title="不服复议决定提起行政诉讼",
        law=SUSONG,
        article="第四十五条",
        text=(
            "公民、法人或者其他组织不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。"
            "复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼。法律另有规定的除外。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到复议决定书之日（复议机关逾期不作决定的，复议期满之日）",
        counting=_SUSONG_CALENDAR,
    ),
    # 行政诉讼法 第六十七条第一款 (答辩并提交证据: 15 calendar days; end day via 第一百零一条 → 民事诉讼法 第八十五条).
    Rule(
        name="litigation.answer",
        title="提交证据、依据并提出答辩状",
        law=SUSONG,
        article="第六十七条第一款",
        text=(
            "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，"
            "并提出答辩状。"
        ),
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="收到起诉状副本之日",
        counting=_SUSONG_CALENDAR,
        note="被告不提供或者无正当理由逾期提供证据，视为没有相应证据（第三十四条第二款）。",
    ),
    # 行政诉讼法 第八十五条 (上诉: 判决 15 calendar days).
    Rule(
        name="litigation.appeal_judgment",
        title="不服一审判决上诉",
        law=SUSONG,
        article="第八十五条",
        text="当事人不服人民法院第一审判决的，有权在判决书送达之日起十五日内向上一级人民法院提起上诉。",
        day_kind=DayKind.CALENDAR,
        days=15,
        start_event="判决书送达之日",
        counting=_SUSONG_CALENDAR,
    ),
    # 行政诉讼法 第八十五条 (上诉: 裁定 10 calendar days; the 行政诉讼法 has no working-day clause).
    Rule(
        name="litigation.appeal_ruling",
        title="不服一审裁定上诉",
        law=SUSONG,
        article="第八十五条",
        text="当事人不服人民法院第一审裁定的，有权在裁定书送达之日起十日内向上一级人民法院提起上诉。",
        day_kind=DayKind.CALENDAR,
        days=10,
        start_event="裁定书送达之日",
        counting=_SUSONG_CALENDAR,
    ),
]

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULE_LIST}


# -- the engine ----------------------------------------------------------------------------------------
def _as_date(value: Any, label: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DeadlineError(f"{label}必须是日期（不含时间），收到：{value!r}")
    return value


def _as_pause(value: Pause | tuple[Any, ...]) -> Pause:
    if isinstance(value, Pause):
        pause = value
    else:
        try:
            pause = Pause(*value)
        except TypeError as exc:
            raise DeadlineError(f"中止期间应为（开始日期, 恢复日期或None, 原因），收到：{value!r}") from exc
    _as_date(pause.start, "中止开始日期")
    if pause.end is not None:
        _as_date(pause.end, "恢复日期")
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


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def compute(
    name: str,
    start: dt.date,
    *,
    pauses: Iterable[Pause | tuple[Any, ...]] = (),
    extension_days: int = 0,
    calendar: WorkCalendar | None = None,
    **facts: Any,
) -> Deadline:
    """Compute rule `name`'s due date for a period starting on `start`.

    `pauses`: Pause(start, end|None, reason) items; their days (start..end inclusive) do not count, and an
    open pause reached before the period ends gives ``due=None``. `extension_days`: days added to the period
    (refused beyond the rule's statutory maximum). `facts`: rule-specific case facts, e.g.
    ``corrected_on`` for ``reconsideration.acceptance_review``. `calendar`: reuse one `WorkCalendar` across a
    batch. Raises `DeadlineError` (a ValueError) with a Chinese message on bad input."""
    rule = RULES.get(name)
    if rule is None:
        raise DeadlineError(f"未知的期限规则：{name}。可用的规则：{'、'.join(RULES)}")
    start = _as_date(start, "起算日期")
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

    cal = calendar or WorkCalendar()
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
    via = _VIA[rule.law]
    sentences.append(
        f"起算日为{format_date(start)}，起算日当日不计入期间（《{MINSU}》第八十五条第二款，经{via}适用）；"
        + (f"只计工作日，不含法定休假日（《{FUYI}》第八十八条第二款）。" if working else "按日历日连续计算。")
    )
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
    if working:
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
            sentences.append(
                f"期间最后一日为{info.describe()}，是法定休假日，依照《{MINSU}》第八十五条第三款（经{via}适用）"
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
