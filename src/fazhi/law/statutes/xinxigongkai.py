"""中华人民共和国政府信息公开条例 (国务院令第711号, 2019 revision, in force 2019-05-15): the periods of 依申请公开.

Texts quoted from LawRefBook/Laws: 行政法规/政府信息公开条例.md.

The 条例 counts in 工作日 itself (第三十三条第二款 "20个工作日") and has no provision applying 民事诉讼法 第八十五条
(VIA = ""). The day of receipt is not counted — the same reading as for every other period here (民事诉讼法
第八十五条第二款 applied by analogy; courts in 政府信息公开 cases count from the day after receipt); an office that reads
it otherwise sees the receipt day in every explanation. When the application is 补正 the period runs afresh from
receipt of the corrected application (第三十条 "答复期限自行政机关收到补正的申请之日起计算", fact `corrected_on`);
time spent consulting a third party or other organs is not counted (第三十三条第三款: pass it as a Pause)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..calendar import format_date
from ..periods import DayKind, DeadlineError, Rule, as_date

LAW = "中华人民共和国政府信息公开条例"
VIA = ""  # the 条例 counts its own 工作日; see the module docstring

WORKING = (
    f"只计工作日，不含法定休假日（《{LAW}》第三十三条第二款“20个工作日”）；"
    "收到申请之日不计入期间（参照《中华人民共和国民事诉讼法》第八十五条第二款的期间计算方法）"
)


def after_correction(rule: Rule, start: dt.date, facts: dict[str, Any]) -> tuple[dt.date, str]:
    """第三十条: after 补正 the reply period runs from receipt of the corrected application."""
    corrected_on = facts.get("corrected_on")
    if corrected_on is None:
        return start, ""
    corrected_on = as_date(corrected_on, "收到补正申请日期")
    if corrected_on < start:
        raise DeadlineError(
            f"收到补正申请日期（{corrected_on.isoformat()}）不能早于收到申请日期（{start.isoformat()}）"
        )
    note = (
        f"申请人已补正：{format_date(start)}收到申请，{format_date(corrected_on)}收到补正的申请，"
        f"依照《{LAW}》第三十条“答复期限自行政机关收到补正的申请之日起计算”，答复期限自该日起计算。"
    )
    return corrected_on, note


RULES: list[Rule] = [
    # 政府信息公开条例 第三十三条第二款、第三款 (答复: 20 working days, one extension ≤ 20 working days).
    Rule(
        name="disclosure.reply",
        title="答复政府信息公开申请",
        law=LAW,
        article="第三十三条第二款",
        text=(
            "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，"
            "应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。"
            "行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。"
        ),
        day_kind=DayKind.WORKING,
        days=20,
        start_event="收到申请之日（第三十一条）",
        counting=WORKING,
        max_extension_days=20,
        extension_note="第三十三条第二款：经政府信息公开工作机构负责人同意并告知申请人，最长不得超过20个工作日",
        facts=("corrected_on",),
        adjust_start=after_correction,
        note=(
            "征求第三方和其他机关意见所需时间不计算在期限内（第三十三条第三款，以中止期间录入）；"
            "收到申请之日按第三十一条确定（当面提交为提交之日，邮寄为签收之日，互联网渠道和传真为双方确认之日）。"
        ),
    ),
    # 政府信息公开条例 第三十条 (补正告知: 7 working days from receipt).
    Rule(
        name="disclosure.correction_notice",
        title="一次性告知申请人补正",
        law=LAW,
        article="第三十条",
        text=(
            "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内"
            "一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。"
        ),
        day_kind=DayKind.WORKING,
        days=7,
        start_event="收到申请之日（第三十一条）",
        counting=WORKING,
    ),
    # 政府信息公开条例 第三十二条 (第三方提出意见: 15 working days from receipt of the request).
    Rule(
        name="disclosure.third_party_opinion",
        title="第三方提出意见",
        law=LAW,
        article="第三十二条",
        text="第三方应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。",
        day_kind=DayKind.WORKING,
        days=15,
        start_event="第三方收到征求意见书之日",
        counting=WORKING,
    ),
]
