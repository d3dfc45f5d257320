"""中华人民共和国行政处罚法 (2021 revision, in force 2021-07-15): the periods of
the 行政执法 case ledger.

Texts quoted from LawRefBook/Laws: 行政法/行政处罚法.md. 第八十五条: "本法中“二日”“三日”“五日”“七日”的规定是指工作日，
不含法定节假日。" — so the 九十日 of 第六十条 are calendar days and the 三日 of 第四十八条 working days."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "中华人民共和国行政处罚法"
# The act has no provision applying 民事诉讼法 第八十五条 to its periods; the usual counting is applied by analogy.
VIA = f"《{LAW}》未另行规定，参照"
WORKING_BASIS = f"《{LAW}》第八十五条"

CALENDAR = (
    f"日历日；起算日不计入期间，期间最后一日是法定休假日的，以其后第一个工作日为届满日"
    f"（《{LAW}》未另行规定，参照《{MINSU}》第八十五条）"
)
WORKING = f"《{LAW}》第八十五条：“二日”“三日”“五日”“七日”是指工作日，不含法定节假日；起算日不计入期间"

RULES: list[Rule] = [
    # 行政处罚法 第六十条 (90 calendar days from 立案; 第八十五条 names only 二、三、五、七日 as working days).
    Rule(
        name="enforcement.penalty_decision",
        title="作出行政处罚决定",
        law=LAW,
        article="第六十条",
        text=(
            "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。"
            "法律、法规、规章另有规定的，从其规定。"
        ),
        day_kind=DayKind.CALENDAR,
        days=90,
        start_event="行政处罚案件立案之日",
        counting=CALENDAR,
        note="法律、法规、规章另有规定的，从其规定（第六十条后段）。",
    ),
    # 行政处罚法 第四十八条第二款 (三日 = working days by 第八十五条).
    Rule(
        name="enforcement.withdraw_publication",
        title="撤回已公开的行政处罚决定信息",
        law=LAW,
        article="第四十八条第二款",
        text=(
            "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，"
            "行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。"
        ),
        day_kind=DayKind.WORKING,
        days=3,
        start_event="行政处罚决定被依法变更、撤销、确认违法或者确认无效之日",
        counting=WORKING,
    ),
]
