"""行政执法监督: the period a warned 执法单位 has for its written explanation of a 执法监督预警. No national statute
sets it; local 行政执法监督 rules do (e.g. 10 or 15 working days from the notice), so the days are the
per-jurisdiction setting `enforcement.warning_reply_days` (default 10 working days) and the rule is marked local."""

from __future__ import annotations

from ..periods import DayKind, Rule
from .minsu import LAW as MINSU

LAW = "本地行政执法监督办法"
VIA = ""  # counts its own working days: see the rule's `counting`
WORKING_BASIS = "本地行政执法监督办法规定为工作日"

WORKING = f"工作日；起算日不计入期间（参照《{MINSU}》第八十五条第二款）"

RULES: list[Rule] = [
    Rule(
        name="enforcement.warning_reply",
        title="被预警执法单位书面说明",
        law=LAW,
        article="（本地规定；未设置时按预警之日起10个工作日内说明）",
        text="行政执法监督机构发出预警的，被预警的行政执法单位应当自预警之日起10个工作日内书面说明情况及整改措施。"
        "（期限依照本地行政执法监督办法；各地规定不同）",
        day_kind=DayKind.WORKING,
        days=10,
        start_event="预警之日",
        counting=WORKING,
        local=True,
    ),
]
