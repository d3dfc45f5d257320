"""规章制定程序条例 (国务院令第694号, 2017年修订): when a 地方政府规章 takes effect (fazhi.normative, kind 规章).

Text quoted from LawRefBook/Laws: 行政法规/规章制定程序条例(2017-12-22).md, 第三十二条:
"规章应当自公布之日起30日后施行；但是，涉及国家安全、外汇汇率、货币政策的确定以及公布后不立即施行将有碍规章施行的，
可以自公布之日起施行。"

How "30日后" is read (the 条例 has no counting clause): calendar days, the day of publication not counted (参照
民事诉讼法 第八十五条第二款, as 立法法's filing period in lifa.py); the 30th day is the period's last day and "后施行"
means from the day after it, so the earliest effective date is the 31st day after publication (published 2025-09-16 →
period 9/17–10/16 → in force 10/17 at the earliest). The effective date is not an act to be done within a period, so a
法定休假日 does not move it (规章 often take effect on 1 January or 1 October)."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "规章制定程序条例"
VIA = ""  # counts its own days: see the rule's `counting`

ARTICLE = "第三十二条"
TEXT = (
    "规章应当自公布之日起30日后施行；但是，涉及国家安全、外汇汇率、货币政策的确定以及公布后不立即施行将有碍规章施行的，"
    "可以自公布之日起施行。"
)

RULES: list[Rule] = [
    Rule(
        name="normative.rule_effective",
        title="地方政府规章的施行日期（最早施行日）",
        law=LAW,
        article=ARTICLE,
        text=TEXT,
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="公布之日",
        counting=(
            f"日历日；公布当日不计入（参照《{MINSU}》第八十五条第二款），第30日为期间最后一日，"
            "“30日后施行”即最早自第31日起施行；施行日不是应在期间内完成的行为，不因法定休假日顺延"
        ),
        after=True,
        note="涉及国家安全、外汇汇率、货币政策的确定以及公布后不立即施行将有碍规章施行的，可以自公布之日起施行。",
    ),
]
