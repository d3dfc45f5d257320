"""中华人民共和国人民调解法 (2010, in force 2011-01-01): the period of 司法确认 (court confirmation of a mediation
agreement).

Texts quoted from LawRefBook/Laws: 诉讼与非诉讼程序法/人民调解法(2010-08-28).md, and 民事诉讼法(2023-09-01).md
第二百零五条 (the same 30 days in the court's special procedure 确认调解协议案件)."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "中华人民共和国人民调解法"
# The application is made to a court in the 民事诉讼法's special procedure (第二百零五条), whose periods count by
# 民事诉讼法 第八十五条.
VIA = f"《{MINSU}》第二百零五条（确认调解协议案件）"

CALENDAR = (
    "日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{MINSU}》第二百零五条、第八十五条）"
)

RULES: list[Rule] = [
    # 人民调解法 第三十三条第一款; 民事诉讼法 第二百零五条 "由双方当事人自调解协议生效之日起三十日内，共同向下列人民法院提出".
    Rule(
        name="mediation.judicial_confirmation",
        title="共同申请司法确认",
        law=LAW,
        article="第三十三条第一款",
        text=(
            "经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内"
            "共同向人民法院申请司法确认，人民法院应当及时对调解协议进行审查，依法确认调解协议的效力。"
        ),
        day_kind=DayKind.CALENDAR,
        days=30,
        start_event="调解协议生效之日",
        counting=CALENDAR,
        note=(
            "调解协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效"
            "（第二十九条第二款）；口头调解协议自各方当事人达成协议之日起生效（第三十条）。"
        ),
    ),
]
